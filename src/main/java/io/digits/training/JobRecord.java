package io.digits.training;

import java.time.Instant;
import java.util.List;

/** What the store keeps of a job ({@code jobs/<id>/job.json}), rewritten at every state change and epoch. */
record JobRecord(String id, Hyperparameters hyperparameters, boolean activate, JobState state, Instant createdAt,
		Instant startedAt, Instant finishedAt, String modelId, String error, List<EpochSummary> epochs, int epoch,
		long iteration, long samplesSeen, long trainingNanos, List<Finding> setupFindings) {
}

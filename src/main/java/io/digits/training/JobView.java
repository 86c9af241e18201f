package io.digits.training;

import java.time.Instant;
import java.util.List;

/** A job as the API shows it. */
public record JobView(String id, JobState state, Hyperparameters hyperparameters, boolean activate,
		JobProgress progress, Double latestLoss, Double samplesPerSecond, List<EpochSummary> epochs,
		Instant createdAt, Instant startedAt, Instant finishedAt, String modelId, String error) {
}

package io.digits.training;

import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it.
 *
 * @param warnings what the set-up alone shows is likely to train badly (GET .../diagnosis has the whole diagnosis)
 */
public record JobView(String id, JobState state, Hyperparameters hyperparameters, boolean activate,
		JobProgress progress, Double latestLoss, Double samplesPerSecond, List<EpochSummary> epochs,
		Instant createdAt, Instant startedAt, Instant finishedAt, String modelId, String error,
		List<Finding> warnings) {
}

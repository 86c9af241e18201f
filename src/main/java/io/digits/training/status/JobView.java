package io.digits.training.status;

import java.time.Instant;
import java.util.List;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrialOf;

/**
 * A job as the API shows it.
 *
 * @param failure why a failed job failed, for scripts (null unless it failed); {@code error} says it in words
 * @param replica the replica that runs the job, or ran it last; null while it is queued
 * @param setupFindings what the set-up alone shows, of any severity (GET .../diagnosis has the whole diagnosis)
 * @param engine what trains the job ({@code fused-cpu} or {@code dl4j}); null until it starts
 * @param engineReason why that engine, in words (what the fused step covers, or why not this job)
 * @param stopping the stopping rules it was given (none: every field empty)
 * @param trial the sweep it is a trial of, null for a job of its own
 * @param stopReason why it stopped before its last epoch, or failed; null otherwise
 * @param bestEpoch its best epoch so far by the early-stopping monitor (test loss without one); with
 *     {@code restoreBest}, the epoch whose weights the model holds; null before the first epoch
 * @param trainingImages the images each epoch trains on: the dataset's first {@code trainLimit} and the captures
 *     added; null while a job that asked for captures has not read them (it reads them when it starts)
 * @param capturesAdded how many labelled captures it trains on beyond the dataset (0 when it asked for none); null
 *     with {@code trainingImages}
 * @param captureIds their ids, in their order (at most {@code digits.training.max-extra-images}); null before they are
 *     read, and when it asked for none
 */
public record JobView(String id, JobState state, Hyperparameters hyperparameters, boolean activate,
		JobProgress progress, Double latestLoss, Double samplesPerSecond, List<EpochSummary> epochs,
		Instant createdAt, Instant startedAt, Instant finishedAt, String modelId, String error, FailureCause failure,
		List<Finding> setupFindings, String replica, Engine engine, String engineReason, StoppingRules stopping,
		TrialOf trial, StopReason stopReason, Integer bestEpoch, Integer trainingImages, Integer capturesAdded,
		List<String> captureIds) {
}

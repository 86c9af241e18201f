package io.digits.training.store;

import java.time.Instant;
import java.util.List;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrialOf;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.Finding;
import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;

/**
 * What the store keeps of a job ({@code jobs/<id>/job.json}), rewritten at every state change and epoch.
 *
 * @param failure why a failed job failed; null for the others and for records written before it was kept
 * @param replica the replica that runs the job, or ran it last ({@code digits.replica.name}); null until it starts
 * @param engine what trains it, chosen at its first start; null until then (and in records of earlier releases)
 * @param engineReason why that engine, in words; null with {@code engine}
 * @param stopping the job's stopping rules; null in records of earlier releases (none)
 * @param trial the sweep the job is a trial of; null for a job of its own
 * @param stopReason why it stopped early, or failed; null otherwise
 * @param captureIds the labelled captures it trains on beyond its dataset, read when it first started, in their order,
 *     so that a resumed job trains on the same ones; null until then, for a job that asked for none, and in records of
 *     earlier releases
 */
public record JobRecord(String id, Hyperparameters hyperparameters, boolean activate, JobState state, Instant createdAt,
		Instant startedAt, Instant finishedAt, String modelId, String error, List<EpochSummary> epochs, int epoch,
		long iteration, long samplesSeen, long trainingNanos, List<Finding> setupFindings,
		FailureCause failure, String replica, Engine engine, String engineReason, StoppingRules stopping,
		TrialOf trial, StopReason stopReason, List<String> captureIds) {

	/** The images each epoch trains on: the dataset's first {@code trainLimit}, and the captures read so far. */
	public int trainingImages() {
		return hyperparameters.trainLimit() + (captureIds == null ? 0 : captureIds.size());
	}

	/** Ids of jobs start with it ({@code job-...}). */
	public static final String ID_PREFIX = "job";

}

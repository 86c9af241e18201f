package io.digits.training;

import java.util.List;
import java.util.Map;

import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import tools.jackson.databind.JsonNode;

/**
 * Jobs side by side ({@code GET /api/jobs/compare}), in the order they were asked for. Maps keyed by job id keep that
 * order too, so a client can lay them out as columns.
 *
 * @param differing each hyperparameter on which the jobs differ, with every job's value
 * @param shared each hyperparameter all the jobs have in common, with its value
 * @param epochs one row per epoch number, from 1 to the most epochs any of the jobs has
 */
public record JobComparison(List<ComparedJob> jobs, Map<String, Map<String, JsonNode>> differing,
		Map<String, JsonNode> shared, List<EpochRow> epochs) {

	/**
	 * One job's outcome.
	 *
	 * @param sweepId the sweep the job is a trial of; null for a job of its own
	 * @param best the job's best epoch (its {@code bestEpoch}: by its early-stopping monitor, or the lowest test loss);
	 *     null before its first epoch
	 * @param last its last epoch; null before its first
	 */
	public record ComparedJob(String id, JobState state, String sweepId, String modelId, ScoredEpoch best,
			ScoredEpoch last) {
	}

	/** One epoch's numbers, with the epoch's number. */
	public record ScoredEpoch(int epoch, double trainLoss, double testLoss, double testAccuracy) {

		static ScoredEpoch of(EpochSummary epoch) {
			return new ScoredEpoch(epoch.epoch(), epoch.trainLoss(), epoch.testLoss(), epoch.testAccuracy());
		}

	}

	/**
	 * One epoch number across the jobs.
	 *
	 * @param jobs the numbers of each job that has this epoch, by job id; a job without it is absent
	 */
	public record EpochRow(int epoch, Map<String, EpochScores> jobs) {
	}

	/** One job's numbers at one epoch. */
	public record EpochScores(double trainLoss, double testLoss, double testAccuracy) {

		static EpochScores of(EpochSummary epoch) {
			return new EpochScores(epoch.trainLoss(), epoch.testLoss(), epoch.testAccuracy());
		}

	}

}

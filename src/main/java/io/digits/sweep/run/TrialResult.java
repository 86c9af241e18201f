package io.digits.sweep.run;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.digits.sweep.plan.SweepSpec;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;

/**
 * A started trial as the sweep's rules see it: its state and the epochs it recorded.
 *
 * @param plannedEpochs the epochs its job was asked for
 */
public record TrialResult(int index, String jobId, JobState state, List<EpochSummary> epochs, int plannedEpochs) {

	/** Its result after {@code epoch} epochs, when it got that far. */
	public Optional<EpochSummary> at(int epoch) {
		return epochs.stream().filter(summary -> summary.epoch() == epoch).findFirst();
	}

	public int epochsDone() {
		return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
	}

	public Optional<EpochSummary> last() {
		return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
	}

	/**
	 * Best first by the sweep's objective, ties broken by the test loss: trials stuck at chance all score 10% and
	 * would tie on accuracy, their losses still tell them apart.
	 */
	static Comparator<EpochSummary> bestFirst(SweepSpec spec) {
		Comparator<EpochSummary> byObjective = Comparator.comparingDouble(summary -> summary.value(spec.metric()));
		if (spec.metric().higherIsBetter()) {
			byObjective = byObjective.reversed();
		}
		return byObjective.thenComparingDouble(EpochSummary::testLoss);
	}

}

package io.digits.training.status;

import java.util.List;

import io.digits.training.settings.Metric;
import io.digits.training.settings.StoppingRules;

/**
 * One finished epoch.
 *
 * @param trainLoss mean loss of the epoch's iterations
 * @param testLoss mean cross-entropy on the test set after the epoch
 * @param testAccuracy fraction of the test set classified correctly after the epoch
 * @param seconds wall time of the epoch, training and evaluation
 * @param deadUnits for ReLU networks, the fraction of each hidden layer's units that never fire on a sample of test
 *     digits (null for other activations)
 */
public record EpochSummary(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds,
		List<Double> deadUnits) {

	public double value(Metric metric) {
		return switch (metric) {
			case TEST_LOSS -> testLoss;
			case TEST_ACCURACY -> testAccuracy;
			case TRAIN_LOSS -> trainLoss;
		};
	}

	/**
	 * The best epoch by the early-stopping monitor and its minimum change, or by the test loss without one; null before
	 * the first epoch.
	 */
	public static Integer best(List<EpochSummary> epochs, StoppingRules stopping) {
		StoppingRules.EarlyStopping rule = stopping.earlyStopping();
		int best = rule == null ? best(epochs, Metric.TEST_LOSS, 0) : best(epochs, rule.monitor(), rule.minDelta());
		return best == 0 ? null : best;
	}

	/**
	 * The epoch with the best value of the metric, an epoch counting as better only when it beats the best before it
	 * by more than {@code minDelta} (the rule early stopping keeps): 0 when there is none.
	 */
	public static int best(List<EpochSummary> epochs, Metric metric, double minDelta) {
		int best = 0;
		double bestValue = Double.NaN;
		for (EpochSummary epoch : epochs) {
			double value = epoch.value(metric);
			if (best == 0 || metric.improves(value, bestValue, minDelta)) {
				best = epoch.epoch();
				bestValue = value;
			}
		}
		return best;
	}
}

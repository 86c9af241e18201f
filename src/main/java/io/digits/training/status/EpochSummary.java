package io.digits.training.status;

import java.util.List;

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
}

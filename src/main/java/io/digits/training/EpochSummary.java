package io.digits.training;

/**
 * One finished epoch.
 *
 * @param trainLoss mean loss of the epoch's iterations
 * @param testLoss mean cross-entropy on the test set after the epoch
 * @param testAccuracy fraction of the test set classified correctly after the epoch
 * @param seconds wall time of the epoch, training and evaluation
 */
public record EpochSummary(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds) {
}

package io.digits.training.status;


/**
 * One recorded iteration of a job's loss curve.
 *
 * @param iteration from 1
 * @param timestamp when the iteration ended, in milliseconds since the epoch
 */
public record LossPoint(long iteration, int epoch, double loss, long timestamp) {
}

package io.digits.training.status;

/**
 * How far a job has come.
 *
 * @param epoch the epoch running or last finished, from 1
 * @param iteration parameter updates done
 * @param fraction iteration / totalIterations
 * @param etaSeconds estimated seconds to the end, from the pace so far; null before the first update
 */
public record JobProgress(int epoch, int epochs, long iteration, long totalIterations, double fraction,
		Double etaSeconds) {
}

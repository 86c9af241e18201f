package io.digits.training;

/**
 * The body of an {@code iteration} event.
 *
 * @param iteration the last iteration covered, from 1
 * @param loss the mean loss of the iterations covered
 * @param iterations how many iterations the event covers (the stream sends at most a few events per second)
 */
public record IterationEvent(long iteration, int epoch, double loss, Double samplesPerSecond, int iterations) {
}

package io.digits.training.settings;

/**
 * Marks a job as one trial of a sweep: the sweep decides, at the end of each of its epochs, whether it goes on.
 *
 * @param index the trial's place in the sweep's plan, from 0
 */
public record TrialOf(String sweepId, int index) {
}

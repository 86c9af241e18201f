package io.digits.sweep;

import java.util.Map;

import io.digits.training.status.StopReason;

/**
 * One trial of a sweep as the API shows it.
 *
 * @param state {@code PLANNED} before its job is made, then its job's state
 * @param epochs epochs it trained
 * @param objective the sweep's objective after its last epoch; null before its first
 * @param stopReason why it stopped early, waits at a rung, or failed; null otherwise
 */
public record TrialView(int index, Map<String, Object> parameters, String jobId, String state, int epochs,
		Double objective, Double testAccuracy, Double testLoss, StopReason stopReason, String modelId) {
}

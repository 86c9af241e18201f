package io.digits.training.status;

/**
 * Why a job ended before its last epoch (or failed), in words and for scripts.
 *
 * @param rule what stopped it: {@code early-stopping}, {@code stop-when}, {@code max-seconds}, {@code diagnosis},
 *     {@code diverged}, or a sweep's {@code asha}, {@code median} and {@code sweep-ended}
 * @param epoch the epoch it was judged at (the one running, for a rule that fires within an epoch)
 * @param metric what was judged ({@code testLoss}, a finding's code, ...), null when nothing was measured
 * @param value the metric's value then, when it has one
 * @param cutoff what it was compared with, when anything
 * @param message the whole reason in a sentence
 */
public record StopReason(String rule, int epoch, String metric, Double value, Double cutoff, String message) {
}

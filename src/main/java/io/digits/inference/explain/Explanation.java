package io.digits.inference.explain;

/**
 * Why the model gave its digit: one attribution per pixel of the 28x28 input it saw, row by row, and the input with
 * the attributions drawn over it.
 *
 * @param overlay a PNG as a data URI: the prepared input in grey, pixels credited for the digit in orange, pixels
 *     counting against it in blue, 112x112
 * @param completenessError for integrated gradients, |sum of attributions - (score(input) - score(black))| divided by
 *     |score(input) - score(black)|, the score being log p(digit): 0.05 is 5%; null for saliency
 */
public record Explanation(String method, float[] attributions, String overlay, Double completenessError) {
}

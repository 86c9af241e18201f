package io.digits.model;

/** How well a model does on one class of the test set. */
public record ClassMetrics(int digit, double precision, double recall, int support) {
}

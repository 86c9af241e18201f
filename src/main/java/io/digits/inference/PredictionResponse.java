package io.digits.inference;

import java.util.List;

import io.digits.rollout.Role;

/**
 * The model that answered, why it did ({@code primary}, {@code canary}, or {@code named} when the request named it),
 * and one prediction per image, in the order sent.
 */
public record PredictionResponse(String modelId, Role role, List<Prediction> predictions) {
}

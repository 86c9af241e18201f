package io.digits.inference;

import java.util.List;

/** The model that answered, and one prediction per image, in the order sent. */
public record PredictionResponse(String modelId, List<Prediction> predictions) {
}

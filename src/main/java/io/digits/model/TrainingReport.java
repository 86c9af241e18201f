package io.digits.model;

import java.util.List;
import java.util.Map;

/**
 * What training says about a new model.
 *
 * @param hyperparameters the resolved hyperparameters, as the job shows them
 * @param confusionMatrix counts by actual class (row) and predicted class (column) on the test set
 * @param profile what its inputs and answers look like on its dataset, for the flags and the drift of its predictions
 */
public record TrainingReport(String jobId, String dataset, Map<String, Object> hyperparameters, double testAccuracy,
		double testLoss, List<ClassMetrics> classes, int[][] confusionMatrix, ReferenceProfile profile) {
}

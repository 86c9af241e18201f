package io.digits.model;

import java.util.List;
import java.util.Map;

/**
 * What training says about a new model.
 *
 * @param hyperparameters the resolved hyperparameters, as the job shows them
 * @param confusionMatrix counts by actual class (row) and predicted class (column) on the test set
 * @param profile what its inputs and answers look like on its dataset, for the flags and the drift of its predictions
 * @param trainingImages the images each epoch trained on: the dataset's and the captures added
 * @param capturesAdded how many labelled captures it trained on beyond the dataset
 * @param captureIds their ids, as the job that trained it recorded them
 */
public record TrainingReport(String jobId, String dataset, Map<String, Object> hyperparameters, double testAccuracy,
		double testLoss, List<ClassMetrics> classes, int[][] confusionMatrix, ReferenceProfile profile, int trainingImages,
		int capturesAdded, List<String> captureIds) {
}

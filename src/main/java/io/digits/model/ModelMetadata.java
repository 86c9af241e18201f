package io.digits.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored model version: kept next to its DL4J file as {@code model.json}.
 *
 * @param sha256 of the model file, checked when the store is read so a damaged file is never used
 * @param profile what its inputs and answers look like on its dataset, measured at registration; null for models
 *     registered before profiles were kept (measured when first served)
 * @param trainingImages the images each epoch trained on (the dataset's and the captures added); null for models
 *     registered before it was kept
 * @param capturesAdded how many labelled captures it trained on beyond its dataset; null with {@code trainingImages}
 * @param captureIds their ids (the job that trained it records them too); null with {@code trainingImages}
 */
public record ModelMetadata(String id, String jobId, String dataset, Instant createdAt, long parameters,
		long fileBytes, String sha256, double testAccuracy, double testLoss, Map<String, Object> hyperparameters,
		List<ClassMetrics> classes, int[][] confusionMatrix, ReferenceProfile profile, Integer trainingImages,
		Integer capturesAdded, List<String> captureIds) {

	static ModelMetadata of(String id, Instant createdAt, long parameters, long fileBytes, String sha256,
			TrainingReport report) {
		return new ModelMetadata(id, report.jobId(), report.dataset(), createdAt, parameters, fileBytes, sha256,
				report.testAccuracy(), report.testLoss(), report.hyperparameters(), report.classes(),
				report.confusionMatrix(), report.profile(), report.trainingImages(), report.capturesAdded(),
				List.copyOf(report.captureIds()));
	}

}

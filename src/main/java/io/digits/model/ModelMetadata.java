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
 */
public record ModelMetadata(String id, String jobId, String dataset, Instant createdAt, long parameters,
		long fileBytes, String sha256, double testAccuracy, double testLoss, Map<String, Object> hyperparameters,
		List<ClassMetrics> classes, int[][] confusionMatrix, ReferenceProfile profile) {

	static ModelMetadata of(String id, Instant createdAt, long parameters, long fileBytes, String sha256,
			TrainingReport report) {
		return new ModelMetadata(id, report.jobId(), report.dataset(), createdAt, parameters, fileBytes, sha256,
				report.testAccuracy(), report.testLoss(), report.hyperparameters(), report.classes(),
				report.confusionMatrix(), report.profile());
	}

}

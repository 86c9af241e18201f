package io.digits.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A stored model version: kept next to its DL4J file as {@code model.json}. */
public record ModelMetadata(String id, String jobId, String dataset, Instant createdAt, long parameters,
		long fileBytes, double testAccuracy, double testLoss, Map<String, Object> hyperparameters,
		List<ClassMetrics> classes, int[][] confusionMatrix) {

	static ModelMetadata of(String id, Instant createdAt, long parameters, long fileBytes, TrainingRecord record) {
		return new ModelMetadata(id, record.jobId(), record.dataset(), createdAt, parameters, fileBytes,
				record.testAccuracy(), record.testLoss(), record.hyperparameters(), record.classes(),
				record.confusionMatrix());
	}

}

package io.digits.runtime;

import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready means able to do both jobs: MNIST is loaded (training can start at once) and a model is active (predictions
 * get answers). Part of the readiness group, not of liveness: a service still training its first model is alive.
 */
@Component("digits")
class ReadinessHealthIndicator implements HealthIndicator {

	private final DatasetRepository datasets;

	private final ModelService models;

	ReadinessHealthIndicator(DatasetRepository datasets, ModelService models) {
		this.datasets = datasets;
		this.models = models;
	}

	@Override
	public Health health() {
		boolean datasetLoaded = datasets.isLoaded(DatasetName.MNIST);
		String activeModel = models.active().map(LoadedModel::id).orElse(null);
		Health.Builder health = datasetLoaded && activeModel != null ? Health.up() : Health.outOfService();
		return health.withDetail("datasetLoaded", datasetLoaded)
			.withDetail("activeModel", activeModel == null ? "none" : activeModel)
			.withDetail("storedModels", models.count())
			.build();
	}

}

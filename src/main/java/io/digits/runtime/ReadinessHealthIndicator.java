package io.digits.runtime;

import java.util.Optional;

import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import org.bytedeco.javacpp.Pointer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready means able to do both jobs: MNIST is loaded (training can start at once) and a model is active (predictions
 * get answers), and the process is under JavaCPP's resident-memory limit. Over it, every native allocation (each
 * prediction's forward pass, each job) fails with "Physical memory usage is too high" until memory is freed, so the
 * service is DOWN with the reason rather than UP and failing. Part of the readiness group, not of liveness: a service
 * still training its first model is alive, and one over the limit may recover once a collection frees memory.
 */
@Component("digits")
class ReadinessHealthIndicator implements HealthIndicator {

	private static final long MB = 1024 * 1024;

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
		long resident = Pointer.physicalBytes(), residentLimit = Pointer.maxPhysicalBytes();
		Optional<String> memoryProblem = memoryProblem(resident, residentLimit);
		Health.Builder health = memoryProblem.isPresent() ? Health.down()
				: datasetLoaded && activeModel != null ? Health.up() : Health.outOfService();
		memoryProblem.ifPresent(reason -> health.withDetail("reason", reason));
		return health.withDetail("datasetLoaded", datasetLoaded)
			.withDetail("activeModel", activeModel == null ? "none" : activeModel)
			.withDetail("storedModels", models.count())
			.withDetail("residentBytes", resident)
			.withDetail("residentLimitBytes", residentLimit)
			.build();
	}

	/** Why the process cannot serve for lack of memory, if it cannot; a limit of 0 means JavaCPP checks none. */
	static Optional<String> memoryProblem(long residentBytes, long residentLimitBytes) {
		if (residentLimitBytes <= 0 || residentBytes <= residentLimitBytes) {
			return Optional.empty();
		}
		return Optional.of(("resident memory %,d MB is over JavaCPP's limit of %,d MB "
				+ "(org.bytedeco.javacpp.maxphysicalbytes): native allocations, so predictions and jobs, fail until "
				+ "memory is freed; restart the service if it stays").formatted(residentBytes / MB, residentLimitBytes / MB));
	}

}

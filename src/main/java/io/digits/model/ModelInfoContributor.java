package io.digits.model;

import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** {@code /actuator/info}: the active model and how good it is. */
@Component
class ModelInfoContributor implements InfoContributor {

	private final ModelService models;

	ModelInfoContributor(ModelService models) {
		this.models = models;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("activeModel", models.active()
			.map(active -> Map.<String, Object>of("id", active.id(), "testAccuracy", active.metadata().testAccuracy(),
					"dataset", active.metadata().dataset(), "createdAt", active.metadata().createdAt().toString()))
			.orElse(Map.of("id", "none")));
		builder.withDetail("storedModels", models.count());
	}

}

package io.digits.model;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** The active model's test accuracy and the number of stored models, read at each scrape. */
@Component
class ModelMetrics implements MeterBinder {

	private final ModelService models;

	ModelMetrics(ModelService models) {
		this.models = models;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("digits.model.active.test.accuracy.ratio", models,
				service -> service.active().map(active -> active.metadata().testAccuracy()).orElse(Double.NaN))
			.description("Test accuracy of the active model (NaN when none is active)")
			.register(registry);
		Gauge.builder("digits.models.stored", models, ModelService::count)
			.description("Model versions in the store")
			.register(registry);
	}

}

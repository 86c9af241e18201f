package io.digits.rollout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code digits_predictions_total{model, role}}: images answered by each model in each role (a shadow's included),
 * counted for as long as the process runs, whatever the routing. Models are few, so the labels stay bounded.
 */
@Component
class RolloutMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	RolloutMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void predicted(String modelId, Role role, int images) {
		counters.computeIfAbsent(modelId + '/' + role.wireName(), key -> Counter.builder("digits.predictions")
			.description("Images answered, by the model that answered and its role (a shadow's answers included)")
			.tag("model", modelId)
			.tag("role", role.wireName())
			.register(registry)).increment(images);
	}

}

package io.digits.inference;

import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Prediction meters for Prometheus, with bounded labels only: images by predicted {@code digit}, and images per
 * forward pass. Requests themselves, their latency and their status, are Spring's {@code http.server.requests} (with
 * the {@code input} tag and the latency buckets set in application.properties).
 */
@Component
public class PredictionMetrics {

	private final DistributionSummary batchSizes;

	private final List<Counter> imagesByDigit;

	PredictionMetrics(MeterRegistry registry) {
		this.batchSizes = DistributionSummary.builder("digits.prediction.batch.size")
			.description("Images in one forward pass (concurrent requests are batched together)")
			.serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
			.register(registry);
		this.imagesByDigit = IntStream.range(0, 10)
			.mapToObj(digit -> Counter.builder("digits.predictions.images")
				.description("Images classified, by predicted digit")
				.tag("outcome", "success")
				.tag("digit", Integer.toString(digit))
				.register(registry))
			.toList();
	}

	void predicted(int digit) {
		imagesByDigit.get(digit).increment();
	}

	void forwardPass(int images) {
		batchSizes.record(images);
	}

}

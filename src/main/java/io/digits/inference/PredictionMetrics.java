package io.digits.inference;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Prediction meters for Prometheus, with bounded labels only: {@code input} (upload, json, other), {@code outcome}
 * (success, rejected, unavailable, error) and {@code digit}. The latency histogram's buckets suit a service that
 * answers in milliseconds, so {@code histogram_quantile} gives usable p50 and p99.
 */
@Component
public class PredictionMetrics {

	/** Fine below 25 ms, the p99 a prediction should stay under, coarse above. */
	private static final Duration[] LATENCY_BUCKETS = { Duration.ofNanos(500_000), Duration.ofMillis(1),
			Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(5), Duration.ofMillis(7),
			Duration.ofMillis(10), Duration.ofMillis(15), Duration.ofMillis(25), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofMillis(2500), Duration.ofSeconds(5) };

	private final MeterRegistry registry;

	private final DistributionSummary batchSizes;

	private final List<Counter> imagesByDigit;

	PredictionMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.batchSizes = DistributionSummary.builder("digits.prediction.batch.size")
			.description("Images in one forward pass (concurrent requests are batched together)")
			.serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
			.register(registry);
		this.imagesByDigit = java.util.stream.IntStream.range(0, 10)
			.mapToObj(digit -> Counter.builder("digits.predictions.images")
				.description("Images classified, by predicted digit")
				.tag("outcome", "success")
				.tag("digit", Integer.toString(digit))
				.register(registry))
			.toList();
		// present at 0 from the start, so rate() sees the first request
		for (String input : List.of("upload", "json")) {
			for (String outcome : List.of("success", "rejected", "unavailable", "error")) {
				requests(input, outcome);
			}
		}
	}

	private Counter requests(String input, String outcome) {
		return Counter.builder("digits.predictions.requests")
			.description("Prediction requests, by input and outcome")
			.tag("input", input)
			.tag("outcome", outcome)
			.register(registry);
	}

	void request(String input, String outcome, long nanos) {
		requests(input, outcome).increment();
		Timer.builder("digits.prediction.duration")
			.description("Time to answer a prediction request, upload parsing included")
			.tag("input", input)
			.tag("outcome", outcome)
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(registry)
			.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	void predicted(int digit) {
		imagesByDigit.get(digit).increment();
	}

	void forwardPass(int images) {
		batchSizes.record(images);
	}

}

package io.digits.inference;

import java.time.Duration;
import java.util.Optional;

import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import io.digits.support.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The confidence histogram as Prometheus reads it: each answer in the bucket of its confidence. Recorded as 0..1, every
 * answer fell above the last bucket (Micrometer rounds a value up to a whole number before bucketing it), which left
 * the Trust panels' quantiles and the DigitsLowConfidence alert (docker/prometheus/alerts.yml) without data.
 */
class TrafficMonitorTests {

	@Test
	void everyAnswersConfidenceIsCountedInItsBucketInPercent() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ModelService models = mock(ModelService.class);
		when(models.active()).thenReturn(Optional.empty());
		InferenceProperties properties = new InferenceProperties(64, 4096, 64, 1024, Duration.ofSeconds(10), 25,
				Duration.ofSeconds(2), 0.6, 0.2, 200, 256);
		// without a reference profile there is no drift window: the histogram alone is measured
		TrafficMonitor monitor = new TrafficMonitor(models, mock(ModelReferences.class), registry, properties);
		LoadedModel model = mock(LoadedModel.class);

		for (float confidence : new float[] { 0.28f, 0.55f, 0.599f, 0.61f, 0.85f, 0.97f, 0.999f, 1f }) {
			monitor.record(model, new float[784], confidence, 3);
		}

		PrometheusScrape scrape = PrometheusScrape.parse(registry.scrape());
		String bucket = "digits_prediction_confidence_bucket";
		assertThat(scrape.value(bucket, "le", "10.0")).isZero();
		assertThat(scrape.value(bucket, "le", "30.0")).isEqualTo(1);
		assertThat(scrape.value(bucket, "le", "60.0")).as("at or below 60%").isEqualTo(3);
		assertThat(scrape.value(bucket, "le", "70.0")).isEqualTo(4);
		assertThat(scrape.value(bucket, "le", "90.0")).isEqualTo(5);
		assertThat(scrape.value(bucket, "le", "99.0")).isEqualTo(6);
		assertThat(scrape.value(bucket, "le", "+Inf")).isEqualTo(8);
		assertThat(scrape.value("digits_prediction_confidence_count")).isEqualTo(8);
		assertThat(scrape.value("digits_prediction_confidence_sum")).isCloseTo(100 * (0.28 + 0.55 + 0.599
				+ 0.61 + 0.85 + 0.97 + 0.999 + 1), within(1e-3));
	}

}

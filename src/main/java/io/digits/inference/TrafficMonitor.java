package io.digits.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.inference.trust.DriftWindow;
import io.digits.model.InputFeatures;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import io.digits.model.ReferenceProfile;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Live traffic against each model's reference: the last {@code digits.inference.drift-window} answers of each served
 * model (a few models at most: the least recently served is forgotten), and for Prometheus the active model's
 * {@code digits_input_drift_score} and {@code digits_predicted_class_share{digit}}, and every answer's confidence
 * ({@code digits_prediction_confidence}, a histogram). The confidence is recorded in percent because
 * Micrometer's fixed-boundary histograms round every value up to a whole number before bucketing it: recorded as 0..1,
 * every answer fell in the bucket above 0.99. In percent, with whole-percent boundaries, the buckets are exact
 * ({@code le="60.0"} counts the answers at or below 60%).
 */
@Component
class TrafficMonitor {

	private static final int MODELS = 8;

	/** Whole percents only: a value is counted in a bucket once rounded up to a whole number (see above). */
	static final double[] CONFIDENCE_BUCKETS = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99 };

	private final ModelService models;

	private final ModelReferences references;

	private final int windowSize;

	private final DistributionSummary confidence;

	/** Guarded by itself; least recently served first. */
	private final Map<String, DriftWindow> windows = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, DriftWindow> eldest) {
			return size() > MODELS;
		}
	};

	TrafficMonitor(ModelService models, ModelReferences references, MeterRegistry registry,
			InferenceProperties properties) {
		this.models = models;
		this.references = references;
		this.windowSize = properties.driftWindow();
		this.confidence = DistributionSummary.builder("digits.prediction.confidence")
			.description("The probability of the digit given, per answer, in percent")
			.serviceLevelObjectives(CONFIDENCE_BUCKETS)
			.register(registry);
		Gauge.builder("digits.input.drift.score", this, monitor -> monitor.activeWindow()
			.map(DriftWindow::inputDriftScore)
			.orElse(Double.NaN))
			.description("Population stability index of the active model's last inputs' ink mass against its test set")
			.register(registry);
		// ten fixed rows, read at each scrape: nothing to keep up to date per prediction
		for (int digit = 0; digit < 10; digit++) {
			int shown = digit;
			Gauge.builder("digits.predicted.class.share", this, monitor -> monitor.activeShare(shown))
				.description("Share of each digit in the active model's last answers")
				.tag("digit", Integer.toString(digit))
				.register(registry);
		}
	}

	/** One answer of a model: its input (as the model saw it) and its confidence and digit. */
	void record(LoadedModel model, float[] input, float answerConfidence, int digit) {
		confidence.record(100.0 * answerConfidence);
		DriftWindow window = window(model);
		if (window != null) {
			synchronized (window) {
				window.add(InputFeatures.inkMass(input), answerConfidence, digit);
			}
		}
	}

	/** What the model's window holds now; empty counts while it has served nothing since the start. */
	DriftReport report(LoadedModel model) {
		DriftWindow window = window(model);
		ReferenceProfile profile = references.profile(model);
		if (window == null) {
			return new DriftReport(model.id(), windowSize, 0, null, null, List.of(), List.of(), null, null);
		}
		synchronized (window) {
			double score = window.inputDriftScore(), mean = window.meanConfidence();
			return new DriftReport(model.id(), windowSize, window.count(), Double.isNaN(score) ? null : score,
					Double.isNaN(mean) ? null : mean, toList(window.classShares()), toList(window.confidenceShares()),
					profile == null || profile.classShares().isEmpty() ? null : profile.classShares(),
					profile == null || profile.confidenceShares().isEmpty() ? null : profile.confidenceShares());
		}
	}

	private DriftWindow window(LoadedModel model) {
		synchronized (windows) {
			DriftWindow window = windows.get(model.id());
			if (window == null) {
				ReferenceProfile profile = references.profile(model);
				if (profile == null) {
					return null;
				}
				window = new DriftWindow(profile, windowSize);
				windows.put(model.id(), window);
			}
			return window;
		}
	}

	private Optional<DriftWindow> activeWindow() {
		return models.active().map(this::window);
	}

	private double activeShare(int digit) {
		return activeWindow().map(window -> {
			synchronized (window) {
				return window.count() == 0 ? Double.NaN : window.classShares()[digit];
			}
		}).orElse(Double.NaN);
	}

	private static List<Double> toList(double[] values) {
		List<Double> list = new ArrayList<>(values.length);
		for (double value : values) {
			list.add(value);
		}
		return list;
	}

	/**
	 * @param inputDriftScore null while the window is empty
	 * @param classShares, confidenceShares the window's; the reference's beside them (null for a model registered
	 *     before profiles were kept)
	 */
	public record DriftReport(String modelId, int window, int count, Double inputDriftScore, Double meanConfidence,
			List<Double> classShares, List<Double> confidenceShares, List<Double> referenceClassShares,
			List<Double> referenceConfidenceShares) {
	}

}

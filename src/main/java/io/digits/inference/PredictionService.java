package io.digits.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.digits.data.LabelledImages;
import io.digits.inference.explain.Explanation;
import io.digits.inference.explain.GradientAttributions;
import io.digits.inference.image.ImageDecoder;
import io.digits.model.ClassProbabilities;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import io.digits.model.NoActiveModelException;
import io.digits.rollout.Route;
import io.digits.rollout.RoutingService;
import io.digits.shared.InvalidFieldException;

import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/** Classifies images with the model the routing chooses (the active one, or a canary), or with a named stored model. */
@Service
public class PredictionService {

	/** For callers without request headers: a sticky canary then draws each request on its own. */
	private static final Function<String, String> NO_HEADERS = name -> null;

	private final ModelService models;

	private final BatchingPredictor predictor;

	private final ImageDecoder decoder;

	private final InferenceProperties properties;

	private final PredictionMetrics metrics;

	private final PredictionJudge judge;

	private final TrafficMonitor traffic;

	private final RoutingService routing;

	private final RolloutComparisons comparisons;

	private final ClientLoad load;

	PredictionService(ModelService models, BatchingPredictor predictor, ImageDecoder decoder,
			InferenceProperties properties, PredictionMetrics metrics, PredictionJudge judge, TrafficMonitor traffic,
			RoutingService routing, RolloutComparisons comparisons, ClientLoad load) {
		this.load = load;
		this.routing = routing;
		this.comparisons = comparisons;
		this.metrics = metrics;
		this.judge = judge;
		this.traffic = traffic;
		this.models = models;
		this.predictor = predictor;
		this.decoder = decoder;
		this.properties = properties;
	}

	public PredictionResponse predictUploads(List<MultipartFile> uploads, String modelId) {
		return predictUploads(uploads, modelId, NO_HEADERS, PredictionOptions.NONE);
	}

	PredictionResponse predictUploads(List<MultipartFile> uploads, String modelId, Function<String, String> headers,
			PredictionOptions options) {
		return load.answering(() -> predictUploadsNow(uploads, modelId, headers, options));
	}

	private PredictionResponse predictUploadsNow(List<MultipartFile> uploads, String modelId,
			Function<String, String> headers, PredictionOptions options) {
		requireCount("image", uploads.size());
		float[][] images = new float[uploads.size()][];
		for (int i = 0; i < images.length; i++) {
			MultipartFile upload = uploads.get(i);
			String name = "image %d (%s)".formatted(i + 1, upload.getOriginalFilename());
			try {
				images[i] = decoder.prepare(upload.getBytes(), name);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return predict(route(modelId, headers), images, options);
	}

	public PredictionResponse predictPixels(PixelRequest request, String modelId) {
		return predictPixels(request, modelId, NO_HEADERS, PredictionOptions.NONE);
	}

	PredictionResponse predictPixels(PixelRequest request, String modelId, Function<String, String> headers,
			PredictionOptions options) {
		return load.answering(() -> predictPixelsNow(request, modelId, headers, options));
	}

	private PredictionResponse predictPixelsNow(PixelRequest request, String modelId, Function<String, String> headers,
			PredictionOptions options) {
		if ((request.pixels() == null) == (request.images() == null)) {
			throw new InvalidFieldException("pixels", "send either pixels (one image of 784 values) or images "
					+ "(a list of such arrays), not both and not neither");
		}
		float[][] raw = request.pixels() != null ? new float[][] { request.pixels() } : request.images();
		String field = request.pixels() != null ? "pixels" : "images";
		requireCount(field, raw.length);
		PixelScale scale = request.scale() == null ? PixelScale.BYTE : request.scale();
		float[][] images = new float[raw.length][];
		for (int i = 0; i < raw.length; i++) {
			String where = request.pixels() != null ? "pixels" : "images[%d]".formatted(i);
			images[i] = scaled(raw[i], where, scale);
		}
		return predict(route(modelId, headers), images, options);
	}

	private void requireCount(String field, int count) {
		if (count == 0) {
			throw new InvalidFieldException(field, "no %s sent".formatted(field));
		}
		if (count > properties.maxImagesPerRequest()) {
			throw new InvalidFieldException(field, "%d images sent; at most %d per request"
				.formatted(count, properties.maxImagesPerRequest()));
		}
	}

	private static float[] scaled(float[] values, String field, PixelScale scale) {
		if (values == null || values.length != LabelledImages.PIXELS) {
			throw new InvalidFieldException(field, "%s holds %s values; an image is 28x28 = 784 values"
				.formatted(field, values == null ? "no" : String.valueOf(values.length)));
		}
		float[] out = Arrays.copyOf(values, values.length);
		for (int i = 0; i < out.length; i++) {
			if (!(out[i] >= 0 && out[i] <= scale.max())) {
				throw new InvalidFieldException(field, "%s[%d] is %s; values must be 0..%s with scale %s"
					.formatted(field, i, out[i], (int) scale.max(), scale.name().toLowerCase()));
			}
			out[i] /= scale.max();
		}
		return out;
	}

	/** The model named, or the routing's choice: the primary, or the canary for its share. */
	private Route route(String modelId, Function<String, String> headers) {
		return modelId != null ? Route.named(models.loaded(modelId)) : routing.route(headers);
	}

	private LoadedModel resolve(String modelId) {
		if (modelId != null) {
			return models.loaded(modelId);
		}
		return models.active().orElseThrow(NoActiveModelException::new);
	}

	/** The request's options, checked against the bounds. */
	PredictionOptions options(String explain, Integer steps, Double minConfidence) {
		return PredictionOptions.of(explain, steps, minConfidence, properties.maxExplainSteps());
	}

	/** Live traffic of the active model, or of the stored one named, against its reference. */
	TrafficMonitor.DriftReport drift(String modelId) {
		return traffic.report(resolve(modelId));
	}

	private PredictionResponse predict(Route route, float[][] images, PredictionOptions options) {
		long start = System.nanoTime();
		LoadedModel model = route.model();
		if (options.explain() != null && !GradientAttributions.explainable(model.network())) {
			throw new InvalidFieldException("explain", "model %s cannot be explained: explanations need a softmax "
				.formatted(model.id()) + "output trained with cross-entropy, whose score is the digit's log-probability");
		}
		float[][] probabilities = await(predictor.predict(model, images));
		List<Explanation> explanations = options.explain() == null ? null
				: await(predictor.onInferenceThread(model, network -> judge.explain(network, images, probabilities, options)));
		List<Prediction> predictions = new ArrayList<>(images.length);
		int[] digits = new int[images.length];
		for (int i = 0; i < images.length; i++) {
			Prediction prediction = judge.judge(model, images[i], probabilities[i], options,
					explanations == null ? null : explanations.get(i));
			digits[i] = ClassProbabilities.likeliest(probabilities[i]);
			metrics.predicted(digits[i]);
			predictions.add(prediction);
		}
		routing.answered(route, images.length, System.nanoTime() - start);
		comparisons.compareLater(route, images, digits);
		return new PredictionResponse(model.id(), route.role(), predictions);
	}

	private <T> T await(CompletableFuture<T> result) {
		try {
			return result.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			result.cancel(false);
			throw new OverloadedException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OverloadedException();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Inference failed", ex.getCause());
		}
	}

}

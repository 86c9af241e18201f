package io.digits.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.digits.data.LabelledImages;
import io.digits.inference.image.ImageDecoder;
import io.digits.model.LoadedModel;
import io.digits.model.ModelService;
import io.digits.model.NoActiveModelException;
import io.digits.shared.InvalidFieldException;

import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/** Classifies images with the active model, or with a named stored model. */
@Service
public class PredictionService {

	private final ModelService models;

	private final BatchingPredictor predictor;

	private final ImageDecoder decoder;

	private final InferenceProperties properties;

	private final PredictionMetrics metrics;

	PredictionService(ModelService models, BatchingPredictor predictor, ImageDecoder decoder,
			InferenceProperties properties, PredictionMetrics metrics) {
		this.metrics = metrics;
		this.models = models;
		this.predictor = predictor;
		this.decoder = decoder;
		this.properties = properties;
	}

	public PredictionResponse predictUploads(List<MultipartFile> uploads, String modelId) {
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
		return predict(resolve(modelId), images);
	}

	public PredictionResponse predictPixels(PixelRequest request, String modelId) {
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
		return predict(resolve(modelId), images);
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

	private LoadedModel resolve(String modelId) {
		if (modelId != null) {
			return models.loaded(modelId);
		}
		return models.active().orElseThrow(NoActiveModelException::new);
	}

	private PredictionResponse predict(LoadedModel model, float[][] images) {
		CompletableFuture<float[][]> result = predictor.predict(model, images);
		try {
			float[][] probabilities = result.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
			List<Prediction> predictions = Arrays.stream(probabilities).map(Prediction::of).toList();
			predictions.forEach(prediction -> metrics.predicted(prediction.digit()));
			return new PredictionResponse(model.id(), predictions);
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
			throw new IllegalStateException("The forward pass failed", ex.getCause());
		}
	}

}

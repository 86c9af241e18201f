package io.digits.openinference;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.digits.data.LabelledImages;
import io.digits.inference.PixelRequest;
import io.digits.inference.PredictionResponse;
import io.digits.inference.PredictionService;
import io.digits.model.ModelMetadata;
import io.digits.model.ModelService;
import io.digits.shared.InvalidFieldException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The Open Inference Protocol over the service's own models: one model, {@value #MODEL}, whose versions are the
 * stored models. Inference goes through {@link PredictionService} as JSON pixels do, so both APIs share the
 * micro-batching, the bounds, the model loading and the metrics, and give the same answer for the same image.
 */
@Service
class OpenInferenceService {

	static final String MODEL = "digits";

	static final String SERVER = "digits";

	/** Informational: DL4J's ModelSerializer zip, named as the protocol's platforms are ({@code <project>_<format>}). */
	static final String PLATFORM = "deeplearning4j_zip";

	static final MetadataTensor INPUT = new MetadataTensor("input", "FP32", new long[] { -1, LabelledImages.PIXELS });

	private final ModelService models;

	private final PredictionService predictions;

	private final InputTensorReader inputs;

	private final ServerHealth health;

	private final String serverVersion;

	OpenInferenceService(ModelService models, PredictionService predictions, InputTensorReader inputs,
			ServerHealth health, @Value("${digits.version:unknown}") String serverVersion) {
		this.models = models;
		this.predictions = predictions;
		this.inputs = inputs;
		this.health = health;
		this.serverVersion = serverVersion;
	}

	ServerMetadataResponse server() {
		// none of the protocol's extensions (binary tensor data, model repository, ...) is implemented
		return new ServerMetadataResponse(SERVER, serverVersion, List.of());
	}

	boolean live() {
		return health.live();
	}

	boolean ready() {
		return health.ready();
	}

	/** The versions that can be asked for: the stored models that pass their check, newest first. */
	ModelMetadataResponse model(String name) {
		requireModel(name);
		List<String> versions = models.list()
			.stream()
			.map(ModelMetadata::id)
			.filter(id -> models.problem(id).isEmpty())
			.toList();
		return metadata(versions);
	}

	ModelMetadataResponse version(String name, String version) {
		requireModel(name);
		return metadata(List.of(models.get(version).id()));
	}

	/** Ready when a model is active: the unversioned endpoints infer with it. */
	boolean modelReady(String name) {
		requireModel(name);
		return models.active().isPresent();
	}

	/** Ready when stored and usable: it is loaded on its first request. */
	boolean versionReady(String name, String version) {
		requireModel(name);
		return models.problem(models.get(version).id()).isEmpty();
	}

	/**
	 * Infers with the active model, or with the stored model {@code version} when it is given. The model and the
	 * version are checked first (404), then the request (400), and only then is a model loaded.
	 */
	InferenceResponse infer(String name, String version, InferenceRequest request) {
		requireModel(name);
		if (version != null) {
			models.get(version);
		}
		PixelRequest pixels = inputs.read(request.inputs());
		Set<ModelOutput> outputs = outputs(request.outputs());
		PredictionResponse answer = predictions.predictPixels(pixels, version);
		return new InferenceResponse(MODEL, answer.modelId(), request.id(),
				outputs.stream().map(output -> output.of(answer.predictions())).toList());
	}

	/** The outputs asked for, in the order asked; all of them when none is (an empty list included). */
	private static Set<ModelOutput> outputs(List<RequestOutput> requested) {
		if (requested == null || requested.isEmpty()) {
			return new LinkedHashSet<>(Arrays.asList(ModelOutput.values()));
		}
		Set<ModelOutput> outputs = new LinkedHashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String field = "outputs[%d].name".formatted(i);
			String name = requested.get(i).name();
			if (name == null) {
				throw new InvalidFieldException(field, field + " is missing: name an output, probabilities or digit");
			}
			ModelOutput output = ModelOutput.named(name)
				.orElseThrow(() -> new InvalidFieldException(field, "%s is '%s'; this model's outputs are probabilities "
					.formatted(field, name) + "and digit"));
			if (!outputs.add(output)) {
				throw new InvalidFieldException(field, "%s asks for %s a second time".formatted(field, name));
			}
		}
		return outputs;
	}

	private static ModelMetadataResponse metadata(List<String> versions) {
		return new ModelMetadataResponse(MODEL, versions, PLATFORM, List.of(INPUT),
				Arrays.stream(ModelOutput.values()).map(ModelOutput::metadata).toList());
	}

	private static void requireModel(String name) {
		if (!MODEL.equals(name)) {
			throw new UnknownModelException(name);
		}
	}

}

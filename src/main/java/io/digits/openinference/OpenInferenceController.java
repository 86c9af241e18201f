package io.digits.openinference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * KServe's Open Inference Protocol (V2), REST: what KServe, Triton and Seldon clients call. Health answers carry
 * their result in the status as the protocol says (200 for true, a 4xx for false: 400 here), and in the body.
 * Every refusal is the protocol's {@code {"error": ...}} ({@link OpenInferenceFilter}; the OpenAPI document says so
 * in web's OpenApiProblems, with every other endpoint's refusals).
 */
@RestController
@RequestMapping("/v2")
@Tag(name = "Open Inference Protocol", description = "KServe's V2 protocol: health, metadata and inference of the "
		+ "model 'digits', for KServe, Triton and Seldon clients. Errors are {\"error\": \"...\"}")
class OpenInferenceController {

	private final OpenInferenceService inference;

	OpenInferenceController(OpenInferenceService inference) {
		this.inference = inference;
	}

	@GetMapping({ "", "/" })
	@Operation(summary = "Server metadata: name, version, extensions")
	ServerMetadataResponse server() {
		return inference.server();
	}

	@GetMapping("/health/live")
	@Operation(summary = "Live: 200 while the process runs, as /actuator/health/liveness")
	ResponseEntity<ServerLiveResponse> live() {
		boolean live = inference.live();
		return ResponseEntity.status(status(live)).body(new ServerLiveResponse(live));
	}

	@GetMapping("/health/ready")
	@Operation(summary = "Ready: 200 once MNIST is loaded and a model is active, as /actuator/health/readiness; 400 before")
	ResponseEntity<ServerReadyResponse> ready() {
		boolean ready = inference.ready();
		return ResponseEntity.status(status(ready)).body(new ServerReadyResponse(ready));
	}

	@GetMapping("/models/{name}")
	@Operation(summary = "Model metadata: its versions (the stored models), its input and outputs")
	ModelMetadataResponse model(@PathVariable String name) {
		return inference.model(name);
	}

	@GetMapping("/models/{name}/ready")
	@Operation(summary = "200 when a model is active; 400 when none is")
	ResponseEntity<ModelReadyResponse> modelReady(@PathVariable String name) {
		boolean ready = inference.modelReady(name);
		return ResponseEntity.status(status(ready)).body(new ModelReadyResponse(name, ready));
	}

	@GetMapping("/models/{name}/versions/{version}")
	@Operation(summary = "One version's metadata: a stored model's id as the version")
	ModelMetadataResponse version(@PathVariable String name, @PathVariable String version) {
		return inference.version(name, version);
	}

	@GetMapping("/models/{name}/versions/{version}/ready")
	@Operation(summary = "200 when the stored model can be used; 400 when its file failed its check")
	ResponseEntity<ModelReadyResponse> versionReady(@PathVariable String name, @PathVariable String version) {
		boolean ready = inference.versionReady(name, version);
		return ResponseEntity.status(status(ready)).body(new ModelReadyResponse(name, ready));
	}

	@PostMapping("/models/{name}/infer")
	@Operation(summary = "Classify N images with the active model: one tensor, [N, 784] or [N, 28, 28], FP32 0..1 or "
			+ "UINT8 0..255", description = "The body is read as JSON whatever its Content-Type. 503 with Retry-After "
					+ "when no model is active or too many predictions wait.")
	InferenceResponse infer(@PathVariable String name, @RequestBody InferenceRequest request) {
		return inference.infer(name, null, request);
	}

	@PostMapping("/models/{name}/versions/{version}/infer")
	@Operation(summary = "Classify N images with a stored model, active or not")
	InferenceResponse inferWithVersion(@PathVariable String name, @PathVariable String version,
			@RequestBody InferenceRequest request) {
		return inference.infer(name, version, request);
	}

	/** The protocol's health statuses: 200 for true, a 4xx for false. */
	private static HttpStatus status(boolean healthy) {
		return healthy ? HttpStatus.OK : HttpStatus.BAD_REQUEST;
	}

}

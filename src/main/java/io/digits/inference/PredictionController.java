package io.digits.inference;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/predictions")
@Tag(name = "Predictions", description = "Classify digit images with the active model")
class PredictionController {

	static final String MODEL_HEADER = "X-Model-Id";

	private final PredictionService predictions;

	PredictionController(PredictionService predictions) {
		this.predictions = predictions;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Classify uploaded images (parts named image: PNG, JPEG, GIF or BMP, 28x28 or larger)",
			description = "Photos and drawings are prepared as MNIST was: ink found, cropped, scaled to 20x20 and "
					+ "centred by mass in 28x28. 503 when no model is active, and 503 with Retry-After when too many "
					+ "large images are being decoded at once.")
	ResponseEntity<PredictionResponse> predictUploads(@RequestPart("image") List<MultipartFile> images,
			@Parameter(description = "A stored model's id, instead of the active model") @RequestParam(required = false) String model,
			@Parameter(description = "saliency or integrated-gradients: explain each answer") @RequestParam(required = false) String explain,
			@Parameter(description = "Integrated gradients' steps (default 32)") @RequestParam(required = false) Integer steps,
			@Parameter(description = "Abstain (digit null) below this confidence") @RequestParam(required = false) Double minConfidence,
			@RequestHeader HttpHeaders headers) {
		return named(predictions.predictUploads(images, model, headers::getFirst,
				predictions.options(explain, steps, minConfidence)));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Classify images given as 784 pixel values each (ink bright on dark, as in MNIST)")
	ResponseEntity<PredictionResponse> predictPixels(@RequestBody PixelRequest request,
			@Parameter(description = "A stored model's id, instead of the active model") @RequestParam(required = false) String model,
			@Parameter(description = "saliency or integrated-gradients: explain each answer") @RequestParam(required = false) String explain,
			@Parameter(description = "Integrated gradients' steps (default 32)") @RequestParam(required = false) Integer steps,
			@Parameter(description = "Abstain (digit null) below this confidence") @RequestParam(required = false) Double minConfidence,
			@RequestHeader HttpHeaders headers) {
		return named(predictions.predictPixels(request, model, headers::getFirst,
				predictions.options(explain, steps, minConfidence)));
	}

	/** Every answer names the model that gave it in a header too, for clients and proxies that read no bodies. */
	private static ResponseEntity<PredictionResponse> named(PredictionResponse response) {
		return ResponseEntity.ok().header(MODEL_HEADER, response.modelId()).body(response);
	}

	@GetMapping("/drift")
	@Operation(summary = "Live traffic against the model's test set: drift score, class and confidence shares",
			description = "Over the model's last digits.inference.drift-window answers (200). The drift score is the "
					+ "population stability index of the inputs' ink mass over five equal-mass bins of the test set.")
	TrafficMonitor.DriftReport drift(
			@Parameter(description = "A stored model's id, instead of the active model") @RequestParam(required = false) String model) {
		return predictions.drift(model);
	}

}

package io.digits.inference;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/predictions")
@Tag(name = "Predictions", description = "Classify digit images with the active model")
class PredictionController {

	private final PredictionService predictions;

	PredictionController(PredictionService predictions) {
		this.predictions = predictions;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Classify uploaded images (parts named image: PNG, JPEG, GIF or BMP, 28x28 or larger)",
			description = "Photos and drawings are prepared as MNIST was: ink found, cropped, scaled to 20x20 and "
					+ "centred by mass in 28x28. 503 when no model is active, and 503 with Retry-After when too many "
					+ "large images are being decoded at once.")
	PredictionResponse predictUploads(@RequestPart("image") List<MultipartFile> images,
			@Parameter(description = "A stored model's id, instead of the active model") @RequestParam(required = false) String model) {
		return predictions.predictUploads(images, model);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Classify images given as 784 pixel values each (ink bright on dark, as in MNIST)")
	PredictionResponse predictPixels(@RequestBody PixelRequest request,
			@Parameter(description = "A stored model's id, instead of the active model") @RequestParam(required = false) String model) {
		return predictions.predictPixels(request, model);
	}

}

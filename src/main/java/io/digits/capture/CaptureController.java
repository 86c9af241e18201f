package io.digits.capture;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Captured answers: listed, looked at, labelled by people, deleted. */
@RestController
@RequestMapping("/api/captures")
@Tag(name = "Captures", description = "Answers kept with their input (digits.capture.sampling-rate), and their labels")
class CaptureController {

	private static final int DEFAULT_PAGE_SIZE = 20;

	private static final MediaType PNG = MediaType.IMAGE_PNG;

	private final CaptureService captures;

	private final int maxPageSize;

	CaptureController(CaptureService captures, CaptureProperties properties) {
		this.captures = captures;
		this.maxPageSize = properties.maxPageSize();
	}

	@GetMapping
	@Operation(summary = "Captures, newest first: as JSON, or as a zip of PNGs with labels.csv",
			description = "The zip when ?format=zip or Accept: application/zip; one page either way.")
	ResponseEntity<?> list(@Parameter(description = "Page number, from 0") @RequestParam(required = false) String page,
			@Parameter(description = "Captures per page, 1 to digits.capture.max-page-size (200)") @RequestParam(required = false) String size,
			@Parameter(description = "true: only answers flagged low-confidence; false: only the others") @RequestParam(required = false) String lowConfidence,
			@Parameter(description = "Only the answers of this model (its id)") @RequestParam(required = false) String model,
			@Parameter(description = "true: only labelled captures; false: only those waiting for a label") @RequestParam(required = false) String labelled,
			@Parameter(description = "Only the answers of models of this dataset") @RequestParam(required = false) String dataset,
			@Parameter(description = "json or zip") @RequestParam(required = false) String format,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		boolean zip = CaptureQueryParameters.zip(format, accept);
		CaptureQueryParameters.Page at = CaptureQueryParameters.page(page, size, DEFAULT_PAGE_SIZE, maxPageSize);
		CaptureFilter filter = CaptureQueryParameters.filter(lowConfidence, model, labelled, dataset);
		List<Capture> listed = captures.list(filter, at.page(), at.size());
		if (!zip) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(listed.stream().map(CaptureView::of).toList());
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(CaptureExport.ZIP))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("captures.zip").build().toString())
			.body(CaptureExport.zip(listed, captures.pixels(listed)));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One capture: the answer, its model, its flags, its label")
	CaptureView get(@PathVariable String id) {
		return CaptureView.of(captures.get(id));
	}

	@GetMapping(value = "/{id}/image.png", produces = MediaType.IMAGE_PNG_VALUE)
	@Operation(summary = "The 28x28 input the network got, as a gray PNG (ink bright on dark, as MNIST)")
	ResponseEntity<byte[]> image(@PathVariable String id) {
		return ResponseEntity.ok().contentType(PNG).body(CaptureExport.png(captures.pixels(id)));
	}

	@PostMapping("/{id}/label")
	@Operation(summary = "Say which digit a capture shows (0..9); labelling again replaces the label")
	CaptureView label(@PathVariable String id, @Valid @RequestBody LabelRequest request) {
		return CaptureView.of(captures.label(id, request.digit()));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a capture")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@PathVariable String id) {
		captures.delete(id);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping
	@Operation(summary = "Delete every capture")
	CapturesDeleted deleteAll() {
		return new CapturesDeleted(captures.deleteAll());
	}

}

package io.digits.model;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/models")
@Tag(name = "Models", description = "Stored model versions and the active model")
class ModelController {

	private final ModelService models;

	ModelController(ModelService models) {
		this.models = models;
	}

	@GetMapping
	@Operation(summary = "Every stored model, newest first")
	List<ModelView> list() {
		return models.list().stream().map(model -> ModelView.of(model, models)).toList();
	}

	@GetMapping("/active")
	@Operation(summary = "The model predictions use; 503 with Retry-After when none is active, as for predictions")
	ModelView active() {
		return models.active()
			.map(loaded -> ModelView.of(loaded.metadata(), models))
			.orElseThrow(NoActiveModelException::new);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One stored model: accuracy, per-class precision and recall, confusion matrix")
	ModelView get(@PathVariable String id) {
		return ModelView.of(models.get(id), models);
	}

	@GetMapping(value = "/{id}/file", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	@Operation(summary = "Download the DL4J model file (ModelSerializer zip, with updater state)")
	ResponseEntity<Resource> file(@PathVariable String id) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(id + ".zip").build().toString())
			.body(models.file(id));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a stored model (not the active one)")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@PathVariable String id) {
		models.delete(id);
		return ResponseEntity.noContent().build();
	}

}

package io.digits.model;

/** No stored model has this id (or the id is not well formed). */
public class ModelNotFoundException extends RuntimeException {

	public ModelNotFoundException(String id) {
		super("No model '%s'. GET /api/models lists the stored models.".formatted(id));
	}

}

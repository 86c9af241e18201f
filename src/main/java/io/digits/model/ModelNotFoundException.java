package io.digits.model;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No stored model has this id (or the id is not well formed). */
public class ModelNotFoundException extends ProblemException {

	public ModelNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, "Not found", "No model '%s'. GET /api/models lists the stored models.".formatted(id));
	}

}

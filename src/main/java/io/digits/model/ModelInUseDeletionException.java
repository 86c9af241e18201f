package io.digits.model;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** A model that still serves traffic (a canary or a shadow) cannot be deleted. */
public class ModelInUseDeletionException extends ProblemException {

	public ModelInUseDeletionException(String id, String use) {
		super(HttpStatus.CONFLICT, "Model in use", "Model '%s' is %s; change the routing (PUT /api/models/routing) before deleting it."
			.formatted(id, use));
	}

}

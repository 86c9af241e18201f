package io.digits.model;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** The active model cannot be deleted. */
public class ActiveModelDeletionException extends ProblemException {

	public ActiveModelDeletionException(String id) {
		super(HttpStatus.CONFLICT, "Model is active", "Model '%s' is the active model; activate another one (PUT /api/models/active) before deleting it."
			.formatted(id));
	}

}

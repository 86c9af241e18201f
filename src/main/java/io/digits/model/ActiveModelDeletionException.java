package io.digits.model;

/** The active model cannot be deleted. */
public class ActiveModelDeletionException extends RuntimeException {

	public ActiveModelDeletionException(String id) {
		super("Model '%s' is the active model; activate another one (PUT /api/models/active) before deleting it."
			.formatted(id));
	}

}

package io.digits.model;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** A stored model whose file failed its check: it is listed, and can be deleted, but never used. */
public class ModelUnusableException extends ProblemException {

	public ModelUnusableException(String id, String problem) {
		super(HttpStatus.CONFLICT, "Model unusable", "Model '%s' is unusable: %s. Delete it (DELETE /api/models/%s) or use another one.".formatted(id, problem,
				id));
	}

}

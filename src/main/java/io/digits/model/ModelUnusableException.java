package io.digits.model;

/** A stored model whose file failed its check: it is listed, and can be deleted, but never used. */
public class ModelUnusableException extends RuntimeException {

	public ModelUnusableException(String id, String problem) {
		super("Model '%s' is unusable: %s. Delete it (DELETE /api/models/%s) or use another one.".formatted(id, problem,
				id));
	}

}

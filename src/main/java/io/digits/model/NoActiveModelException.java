package io.digits.model;

/** No model is active yet: nothing can be predicted. */
public class NoActiveModelException extends RuntimeException {

	public NoActiveModelException() {
		super("No model is active. Train one with POST /api/jobs (for example: curl -X POST localhost:8080/api/jobs "
				+ "-H 'Content-Type: application/json' -d '{\"activate\": true}'), or activate a stored one with "
				+ "PUT /api/models/active.");
	}

}

package io.digits.openinference;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** A model name in a /v2 path other than the one this server serves. */
class UnknownModelException extends ProblemException {

	UnknownModelException(String name) {
		super(HttpStatus.NOT_FOUND, "Unknown model", "No model '%s' here: this server serves one model, '%s' (GET /v2/models/%s)"
			.formatted(name, OpenInferenceService.MODEL, OpenInferenceService.MODEL));
	}

}

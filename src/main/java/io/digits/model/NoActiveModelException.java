package io.digits.model;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No model is active yet: nothing can be predicted. */
public class NoActiveModelException extends ProblemException {

	public NoActiveModelException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "No active model", "No model is active. Train one with POST /api/jobs (for example: curl -X POST localhost:8080/api/jobs "
				+ "-H 'Content-Type: application/json' -d '{\"activate\": true}'), or activate a stored one with "
				+ "PUT /api/models/active.");
		retryAfter(Duration.ofSeconds(60));
	}

}

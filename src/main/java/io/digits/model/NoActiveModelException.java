package io.digits.model;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * No model is active yet: nothing can be predicted. The hint names the calls, not a host, port or curl line: the
 * service may sit behind any address, and training needs the API token, which a copied command would lack.
 */
public class NoActiveModelException extends ProblemException {

	public NoActiveModelException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "No active model",
				"No model is active. Train one: POST /api/jobs with the API token and the body {\"activate\": true}; "
						+ "or activate a stored one: PUT /api/models/active with the API token and {\"modelId\": ...}.");
		retryAfter(Duration.ofSeconds(60));
	}

}

package io.digits.rollout;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** Promoting needs a canary. */
class NoCanaryException extends ProblemException {

	NoCanaryException() {
		super(HttpStatus.CONFLICT, "No canary", "There is no canary to promote; set one first (PUT /api/models/routing).");
	}

}

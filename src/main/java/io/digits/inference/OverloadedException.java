package io.digits.inference;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** More prediction requests are waiting than the queue holds, or one waited too long. */
public class OverloadedException extends ProblemException {

	OverloadedException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Overloaded", "Too many predictions are waiting; try again shortly.");
		retryAfter(Duration.ofSeconds(1));
	}

}

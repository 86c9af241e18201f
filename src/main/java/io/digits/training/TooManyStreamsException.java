package io.digits.training;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** Every event-stream slot is taken. */
public class TooManyStreamsException extends ProblemException {

	TooManyStreamsException(int limit) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Too many event streams", "%d event streams are open, the most this server serves at once; try again shortly".formatted(limit));
		retryAfter(Duration.ofSeconds(5));
	}

}

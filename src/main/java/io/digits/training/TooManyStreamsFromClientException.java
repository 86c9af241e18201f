package io.digits.training;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** One client (one remote address) has as many event streams open as it may. */
public class TooManyStreamsFromClientException extends ProblemException {

	TooManyStreamsFromClientException(String client, int limit) {
		super(HttpStatus.TOO_MANY_REQUESTS, "Too many event streams from one client",
				("%s already has %d event streams open, the most one client may have "
						+ "(digits.training.stream.max-per-client); close one, or try again when one ends").formatted(client,
								limit));
		retryAfter(Duration.ofSeconds(5));
	}

}

package io.digits.sweep;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No room for another sweep event stream: this client's share (429) or everyone's (503). */
class TooManySweepStreamsException extends ProblemException {

	private TooManySweepStreamsException(HttpStatus status, String detail) {
		super(status, "Too many streams", detail);
		retryAfter(Duration.ofSeconds(10));
	}

	static TooManySweepStreamsException fromClient(int limit) {
		return new TooManySweepStreamsException(HttpStatus.TOO_MANY_REQUESTS,
				"This client has %d sweep event streams open, the most allowed (digits.sweep.max-streams-per-client); "
					.formatted(limit) + "close one first.");
	}

	static TooManySweepStreamsException inAll(int limit) {
		return new TooManySweepStreamsException(HttpStatus.SERVICE_UNAVAILABLE,
				"%d sweep event streams are open, the most allowed (digits.sweep.max-streams); try again later."
					.formatted(limit));
	}

}

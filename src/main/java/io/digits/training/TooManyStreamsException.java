package io.digits.training;

/** Every event-stream slot is taken. */
public class TooManyStreamsException extends RuntimeException {

	TooManyStreamsException(int limit) {
		super("%d event streams are open, the most this server serves at once; try again shortly".formatted(limit));
	}

}

package io.digits.inference.image;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** A valid image that cannot be decoded now, for want of memory: the client should come back shortly. */
public class DecodeBusyException extends ProblemException {

	private static final long MEGABYTE = 1024 * 1024;

	private DecodeBusyException(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Busy decoding images", detail);
		retryAfter(Duration.ofSeconds(1));
	}

	static DecodeBusyException budgetTaken(String name, long bytes, long budget, Duration wait) {
		return new DecodeBusyException(("%s needs %d MB to decode, and the %d MB decode budget "
				+ "(digits.inference.decode-heap-percent) stayed taken by other uploads for %d ms; try again shortly")
			.formatted(name, megabytes(bytes), megabytes(budget), wait.toMillis()));
	}

	static DecodeBusyException outOfMemory(String name) {
		return new DecodeBusyException(
				"the service ran out of memory decoding %s while under load; try again shortly".formatted(name));
	}

	private static long megabytes(long bytes) {
		return (bytes + MEGABYTE - 1) / MEGABYTE;
	}

}

package io.digits.inference;

import org.springframework.http.HttpStatus;

/** An uploaded image that cannot be classified: unreadable (400), of a format not offered (415), too large. */
public class ImageRejectedException extends RuntimeException {

	private final HttpStatus status;

	ImageRejectedException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus status() {
		return status;
	}

}

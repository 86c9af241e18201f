package io.digits.web;

import java.io.IOException;

/** A request body over {@link WebProperties#maxBodySize()}, found while it was read. */
public class BodyTooLargeException extends IOException {

	BodyTooLargeException(long limit) {
		super("The request body is larger than %d bytes, the most accepted (digits.web.max-body-size)".formatted(limit));
	}

}

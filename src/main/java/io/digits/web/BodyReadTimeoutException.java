package io.digits.web;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A JSON body that did not arrive whole within {@link WebProperties#bodyReadTimeout()}. Unchecked, unlike
 * {@link BodyTooLargeException}: thrown from the body's stream, it passes through Jackson and the message converter
 * as it is and is answered with its own status, where an {@code IOException} would become a 400 "unreadable body".
 * The connection is closed: the rest of the body is not worth waiting for.
 */
public class BodyReadTimeoutException extends ProblemException {

	BodyReadTimeoutException(Duration timeout) {
		super(HttpStatus.REQUEST_TIMEOUT, "Request body too slow",
				"The request body did not arrive within %d s (digits.web.body-read-timeout)".formatted(timeout.toSeconds()));
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

}

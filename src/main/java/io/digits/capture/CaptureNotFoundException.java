package io.digits.capture;

import io.digits.shared.Excerpt;
import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No capture has this id (or the id is not well formed): deleted, aged out, or never kept. */
class CaptureNotFoundException extends ProblemException {

	CaptureNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, "Not found", ("No capture '%s' (captures are deleted past digits.capture.max-count "
				+ "and max-age). GET /api/captures lists the captures.").formatted(Excerpt.of(id)));
		field("id");
	}

}

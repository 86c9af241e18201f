package io.digits.capture;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No capture has this id (or the id is not well formed): deleted, aged out, or never kept. */
class CaptureNotFoundException extends ProblemException {

	/** Enough of a hostile id to recognise it, never all of it. */
	private static final int QUOTED_LENGTH = 40;

	CaptureNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, "Not found", ("No capture '%s' (captures are deleted past digits.capture.max-count "
				+ "and max-age). GET /api/captures lists the captures.").formatted(quoted(id)));
		field("id");
	}

	private static String quoted(String id) {
		return id.length() <= QUOTED_LENGTH ? id : id.substring(0, QUOTED_LENGTH) + "...";
	}

}

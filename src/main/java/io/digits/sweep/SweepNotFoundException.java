package io.digits.sweep;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No sweep has this id (or the id is not well formed). */
public class SweepNotFoundException extends ProblemException {

	SweepNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, "Not found", "No sweep '%s'. GET /api/sweeps lists the sweeps.".formatted(id));
	}

}

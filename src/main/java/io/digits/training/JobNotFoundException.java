package io.digits.training;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** No job has this id (or the id is not well formed). */
public class JobNotFoundException extends ProblemException {

	JobNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, "Not found", "No job '%s'. GET /api/jobs lists the jobs.".formatted(id));
	}

}

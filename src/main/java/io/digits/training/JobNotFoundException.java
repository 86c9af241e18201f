package io.digits.training;

/** No job has this id (or the id is not well formed). */
public class JobNotFoundException extends RuntimeException {

	JobNotFoundException(String id) {
		super("No job '%s'. GET /api/jobs lists the jobs.".formatted(id));
	}

}

package io.digits.training;

import java.time.Duration;

import io.digits.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** The job queue is full. */
public class QueueFullException extends ProblemException {

	QueueFullException(int capacity) {
		super(HttpStatus.TOO_MANY_REQUESTS, "Job queue full", "The job queue is full (%d jobs waiting); try again when a job has finished.".formatted(capacity));
		retryAfter(Duration.ofSeconds(30));
	}

}

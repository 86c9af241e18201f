package io.digits.training;

/** The job queue is full. */
public class QueueFullException extends RuntimeException {

	QueueFullException(int capacity) {
		super("The job queue is full (%d jobs waiting); try again when a job has finished.".formatted(capacity));
	}

}

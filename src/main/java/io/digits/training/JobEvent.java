package io.digits.training;

/**
 * One event of a job's stream.
 *
 * @param id increasing from 1 within the job; what a client sends back as {@code Last-Event-ID}
 * @param type {@code state}, {@code iteration}, {@code epoch}, {@code diagnosis} or {@code done}
 * @param data the event's JSON body
 */
public record JobEvent(long id, String type, Object data) {

	public static final String STATE = "state";

	public static final String ITERATION = "iteration";

	public static final String EPOCH = "epoch";

	public static final String DIAGNOSIS = "diagnosis";

	public static final String DONE = "done";

	public boolean isLast() {
		return DONE.equals(type);
	}

}

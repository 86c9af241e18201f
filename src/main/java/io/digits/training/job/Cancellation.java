package io.digits.training.job;

/** What a cancel request did. */
public enum Cancellation {

	ALREADY_ENDED,

	/** The job was queued and is now cancelled. */
	CANCELLED,

	/** The job runs and stops at its next iteration. */
	STOPPING

}

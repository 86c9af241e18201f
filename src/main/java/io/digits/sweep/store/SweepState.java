package io.digits.sweep.store;

/** Where a sweep is in its life, as a job: the last three are final. */
public enum SweepState {

	/** None of its trials has started yet. */
	QUEUED,

	RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public boolean isFinal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

}

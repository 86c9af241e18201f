package io.digits.training.status;

/**
 * Where a job is in its life. SUCCEEDED, FAILED, CANCELLED and STOPPED_EARLY are final; PAUSED is a sweep's trial
 * waiting, checkpointed, for the sweep to let it go on (or to stop it early).
 */
public enum JobState {

	QUEUED, RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELLED,

	/** Stopped by a rule that judged it not worth finishing (a diagnosis, a sweep's ASHA rung): no model. */
	STOPPED_EARLY;

	public boolean isFinal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == STOPPED_EARLY;
	}

}

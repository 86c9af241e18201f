package io.digits.training.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a job failed, as a fact the diagnosis and clients can act on without reading the error text. */
public enum FailureCause {

	/** The loss stopped being a finite number. */
	@JsonProperty("diverged")
	DIVERGED,

	/** The job's network, batch or updater did not fit in memory. */
	@JsonProperty("out-of-memory")
	OUT_OF_MEMORY,

	/** The service stopped before the job could be checkpointed. */
	@JsonProperty("interrupted")
	INTERRUPTED,

	/** The queue was full when the job was to be queued again after a restart. */
	@JsonProperty("queue-full")
	QUEUE_FULL,

	/** Anything else: the error names it and the log has the details. */
	@JsonProperty("error")
	ERROR

}

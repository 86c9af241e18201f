package io.digits.training.events;

/**
 * Opens a job's event stream for one client. One implementation per {@link io.digits.shared.StoreMode}: the job's own
 * log (embedded), or the journal in the database, which every replica reads (shared).
 */
public interface JobEventSources {

	/** The events after {@code afterId}, then the live ones; {@code log} is the job's, as this process knows it. */
	JobEventSource open(String jobId, JobEventLog log, long afterId, int bufferSize);

}

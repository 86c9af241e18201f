package io.digits.training.events;

import java.util.List;

/**
 * The shared mode's record of every job's events, in the database: what lets a replica stream a job another replica
 * trains, and a client resume with {@code Last-Event-ID} on any replica, after any restart.
 */
public interface JobEventJournal {

	/** Appends events (in order, ids increasing) in the caller's transaction, if any. */
	void append(String jobId, List<JobEventLog.Entry> events);

	/** Up to {@code limit} events after {@code afterId}, in order, as sent on the wire. */
	List<JobEventSource.Sent> after(String jobId, long afterId, int limit);

	/** The id of the job's last event; 0 when it has none. */
	long lastId(String jobId);

}

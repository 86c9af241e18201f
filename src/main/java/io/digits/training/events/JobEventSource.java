package io.digits.training.events;

import java.util.List;

/**
 * What a stream sends one client: the events it missed, then the live ones. From the job's own {@link JobEventLog}
 * when this process has every event (the embedded mode), or from the journal in the database (the shared mode), where
 * the job may train on another replica.
 */
public interface JobEventSource {

	/** One event as sent: its id, its type (the SSE event name) and its JSON body (an object, or JSON text). */
	record Sent(long id, String type, Object data, boolean endsStream) {
	}

	/** The events after the client's last one, already there when it subscribed. */
	List<Sent> backlog();

	/** False when the backlog is all there is (the job has ended). */
	boolean open();

	/** The next live event, waiting at most {@code timeoutMillis}; null when none came in time or after a cancel. */
	Sent next(long timeoutMillis) throws InterruptedException;

	/** True when the subscriber fell so far behind that events were dropped: it must resubscribe. */
	boolean overflowed();

	/** Ends the subscription; a sender waiting in {@link #next} returns soon. */
	void cancel();

}

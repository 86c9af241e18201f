package io.digits.shared;

import java.util.function.Consumer;

/**
 * Tells every replica that shared state changed, so each can read it again: the active model, a cancelled job, a
 * job's new events. In the shared mode PostgreSQL's LISTEN/NOTIFY carries them (delivered when the sending transaction
 * commits, to every replica, the sender included); a replica that lost its connection for a while is told to read
 * everything again, since it may have missed some. In the embedded mode there is one process, which already knows.
 * A signal says only what to read again, never the state itself: handlers read the store, so a late, repeated or
 * missed-then-resynced signal leaves every replica right.
 */
public interface ClusterSignals {

	/** Sends {@code payload} (short: an id) on {@code channel}, when the current transaction commits, or at once. */
	void send(String channel, String payload);

	/** Calls {@code handler} with every payload sent on {@code channel}; on one thread, so handlers must be quick. */
	void subscribe(String channel, Consumer<String> handler);

	/** Calls {@code resync} when signals may have been missed (after a lost connection came back). */
	void onResync(Runnable resync);

}

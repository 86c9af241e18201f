package io.digits.training.job;

import java.io.IOException;

/**
 * Where accepted jobs wait for a training thread. Two implementations, one per {@link io.digits.shared.StoreMode}:
 * this process's pool ({@link LocalJobQueue}) and the cluster's queue in PostgreSQL ({@link ClusterJobQueue}), which
 * every replica with a free training thread takes jobs from.
 */
public interface JobQueue {

	/**
	 * Stores and queues a new job; false, with nothing kept of it, when the queue is full. Throws, with nothing
	 * queued, when the store cannot hold it.
	 */
	boolean submit(TrainingJob job) throws IOException;

	/**
	 * Stores and queues the job only when no job at all is stored (the first model's bootstrap): false, with nothing
	 * kept, otherwise. In the cluster, replicas starting together queue one such job between them.
	 */
	boolean submitAsFirst(TrainingJob job) throws IOException;

	/**
	 * Asks the job to stop wherever it is: a queued job leaves the queue and is cancelled at once, a running one at
	 * its next iteration.
	 */
	Cancellation cancel(TrainingJob job);

	/**
	 * Queues a paused trial again, to go on from its checkpoint; false when it was not paused any more, or the queue
	 * had no room (it stays paused).
	 */
	boolean unpause(TrainingJob job);

}

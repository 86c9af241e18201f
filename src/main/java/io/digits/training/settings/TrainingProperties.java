package io.digits.training.settings;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How many jobs run and wait, and how much work one job may ask for.
 *
 * @param concurrency jobs this replica trains at once; one by default, as training already uses every core
 * @param queueCapacity jobs waiting to run; one more is answered 429
 * @param maxParameters the largest network, in weights and biases (10M is 40 MB of float32 per copy)
 * @param maxSamplesPerJob the most samples one job may process, epochs x training samples (200M is 3000
 *     full-batch epochs of MNIST, the question's longest run)
 * @param maxJobMemory the most off-heap memory one job's training may need by {@link JobMemory}'s estimate; unset, it
 *     is half of JavaCPP's {@code maxbytes} shared by the concurrent jobs (see {@link TrainingBudget#memoryLimit} for
 *     why half)
 * @param maxJobDuration the longest a job may train by {@link JobDuration}'s estimate, as it holds a training slot
 *     (the only one by default) all that time
 * @param retainedJobs finished jobs remembered, in memory and in the store; the oldest are forgotten first (a finished
 *     job keeps at most 10,000 loss points and 1,000 iteration events in memory)
 * @param nativeThreads threads of ND4J's native ops when {@code OMP_NUM_THREADS} is not set
 * @param checkpointInterval how often a running job is checkpointed (network, updater state, record and loss
 *     curve), at the end of an epoch; the first epoch always is, and a job stopped by a shutdown is at once
 * @param stream the live event stream and loss history of each job
 * @param cluster how replicas sharing a database share the queue (the shared mode only)
 * @param fusedCpu train the jobs the fused CPU step covers with it (dense layers, softmax with cross-entropy, SGD,
 *     momentum, Nesterov, Adam, AdamW, no dropout) rather than with DL4J's fit: the same updates to float32
 *     rounding, 3-5 times faster (docs/performance.md); a job keeps the engine it started with. Never on the CUDA
 *     backend
 * @param maxExtraImages the most labelled captures one job takes on top of its dataset's images (the oldest first);
 *     the budget counts a job that asks for them at this bound, as they are read only when it starts
 */
@ConfigurationProperties("digits.training")
@Validated
public record TrainingProperties(@Min(1) @Max(64) @DefaultValue("1") int concurrency,
		@Min(0) @Max(10_000) @DefaultValue("16") int queueCapacity,
		@Min(1000) @DefaultValue("10000000") long maxParameters,
		@Min(1) @DefaultValue("200000000") long maxSamplesPerJob, DataSize maxJobMemory,
		@NotNull @DefaultValue("2h") Duration maxJobDuration,
		@Min(1) @DefaultValue("500") int retainedJobs,
		@Min(1) @Max(256) @DefaultValue("1") int nativeThreads,
		@NotNull @DefaultValue("30s") Duration checkpointInterval,
		@Valid @DefaultValue Stream stream, @Valid @DefaultValue Cluster cluster,
		@DefaultValue("true") boolean fusedCpu, @Min(0) @Max(1_000_000) @DefaultValue("60000") int maxExtraImages) {

	/**
	 * The shared mode's queue (db-scheduler over PostgreSQL). A replica that dies is found when its heartbeats have
	 * been missing for {@code heartbeatInterval x missedHeartbeats} (8 s by default); the check runs every two
	 * heartbeat intervals and a free replica polls every {@code pollInterval}, so another replica takes its job over
	 * within about 14 s.
	 *
	 * @param pollInterval how often a replica with a free training thread looks for a queued job (a job queued on a
	 *     replica with a free thread starts there at once)
	 * @param heartbeatInterval how often a replica says it still runs its jobs
	 * @param missedHeartbeats heartbeats missed before the replica's jobs are given to the others
	 * @param cancelCheckInterval how often a replica reads whether its running jobs were cancelled elsewhere (besides
	 *     being told at once: this catches a notification lost with a connection)
	 * @param progressInterval how often a running job's record (state, iteration, epochs) is written, so that other
	 *     replicas show its progress between checkpoints
	 */
	public record Cluster(@NotNull @DefaultValue("2s") Duration pollInterval,
			@NotNull @DefaultValue("2s") Duration heartbeatInterval, @Min(2) @DefaultValue("4") int missedHeartbeats,
			@NotNull @DefaultValue("2s") Duration cancelCheckInterval,
			@NotNull @DefaultValue("2s") Duration progressInterval) {
	}

	/**
	 * @param iterationEventsPerSecond the most iteration events a job's stream sends per second; each carries the
	 *     mean loss of the iterations it covers
	 * @param keepAlive how often a quiet stream sends a comment, so proxies keep it open and a client that left
	 *     without a word is found: its connection fails at the second write after it died, so within two of these
	 * @param maxPerClient streams open at once from one remote address, so one client cannot take every slot
	 * @param maxLifetime how long one stream lasts before it is completed; EventSource reconnects with Last-Event-ID
	 *     and misses nothing, and a forgotten tab cannot hold a slot for the whole of a long job
	 * @param subscriberBuffer events waiting for one slow subscriber before it is dropped (it can resume with
	 *     Last-Event-ID)
	 * @param maxSubscribers streams open at once, over all jobs
	 * @param lossHistoryPoints iterations kept per job before the curve is thinned evenly
	 * @param retainedEvents events kept per job for replay; past it, the oldest iteration events go first
	 */
	public record Stream(@Min(1) @Max(1000) @DefaultValue("20") int iterationEventsPerSecond,
			@NotNull @DefaultValue("5s") Duration keepAlive, @Min(1) @DefaultValue("1024") int subscriberBuffer,
			@Min(1) @Max(10_000) @DefaultValue("256") int maxSubscribers,
			@Min(1) @Max(10_000) @DefaultValue("8") int maxPerClient, @NotNull @DefaultValue("10m") Duration maxLifetime,
			@Min(100) @DefaultValue("100000") int lossHistoryPoints,
			@Min(100) @DefaultValue("100000") int retainedEvents) {
	}

}

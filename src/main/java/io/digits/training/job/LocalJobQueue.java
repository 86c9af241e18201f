package io.digits.training.job;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.StopReason;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The embedded mode's queue: this process runs its jobs on a bounded pool: {@code concurrency} training threads and a queue of
 * {@code queueCapacity}. A queued job can be taken out of the queue; at shutdown the running jobs stop at their next
 * iteration, checkpointed, and the queued ones stay queued in the store: both go on at the next start.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class LocalJobQueue implements JobQueue {

	private static final Logger log = LoggerFactory.getLogger(LocalJobQueue.class);

	/** How long a shutdown waits for running jobs to checkpoint. */
	private static final int SHUTDOWN_SECONDS = 30;

	private final JobRegistry registry;

	private final JobRunner runner;

	private final TrainingMetrics metrics;

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	/** The executor's task of each queued job, to take it out of the queue when the job is cancelled. */
	private final Map<String, Runnable> queuedTasks = new LinkedHashMap<>();

	private volatile boolean shuttingDown;

	private final EventJournaling journaling;

	LocalJobQueue(JobRegistry registry, JobRunner runner, TrainingMetrics metrics, TrainingProperties properties,
			EventJournaling journaling) {
		this.registry = registry;
		this.journaling = journaling;
		this.runner = runner;
		this.metrics = metrics;
		executor.setCorePoolSize(properties.concurrency());
		executor.setMaxPoolSize(properties.concurrency());
		executor.setQueueCapacity(properties.queueCapacity());
		executor.setThreadNamePrefix("training-");
		executor.setDaemon(true);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(SHUTDOWN_SECONDS);
		executor.initialize();
	}

	/**
	 * Stores, remembers and queues a new job; false, with the job forgotten, when the queue is full. Throws, with
	 * nothing queued, when the store cannot hold it.
	 */
	@Override
	public boolean submit(TrainingJob job) throws IOException {
		registry.add(job);
		journaling.journalFromStart(job);
		if (!enqueue(job)) {
			registry.remove(job);
			return false;
		}
		return true;
	}

	@Override
	public synchronized boolean submitAsFirst(TrainingJob job) throws IOException {
		return registry.count() == 0 && submit(job);
	}

	/** Hands the job to the pool; false when the queue is full. */
	boolean enqueue(TrainingJob job) {
		Runnable task = () -> run(job);
		synchronized (queuedTasks) {
			queuedTasks.put(job.id(), task);
		}
		try {
			executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			synchronized (queuedTasks) {
				queuedTasks.remove(job.id());
			}
			return false;
		}
	}

	private void run(TrainingJob job) {
		synchronized (queuedTasks) {
			queuedTasks.remove(job.id());
		}
		if (!shuttingDown) {
			runner.run(job);
		}
	}

	@Override
	public boolean unpause(TrainingJob job) {
		if (!job.unpause()) {
			return false;
		}
		if (!enqueue(job)) {
			job.paused(new StopReason("queue-full", job.progress().epoch(), null, null, null,
					"Waiting for room in the queue to go on"));
			return false;
		}
		registry.save(job);
		return true;
	}

	@Override
	public Cancellation cancel(TrainingJob job) {
		Cancellation cancellation = job.requestCancel();
		if (cancellation == Cancellation.CANCELLED) {
			Runnable task;
			synchronized (queuedTasks) {
				task = queuedTasks.remove(job.id());
			}
			if (task != null) {
				executor.getThreadPoolExecutor().remove(task);
			}
			registry.ended(job);
			metrics.jobFinished(job);
		}
		if (cancellation != Cancellation.ALREADY_ENDED) {
			log.info("Job {} cancelled ({})", job.id(), cancellation);
		}
		return cancellation;
	}

	/**
	 * Stops cleanly, bounded by {@value #SHUTDOWN_SECONDS} s, as the service begins to stop (the context's closed
	 * event, before the web server drains its requests), so a running job checkpoints within a container's grace
	 * period; at the latest when the bean is destroyed (a start that failed). Not a Lifecycle stop: a paused test
	 * context is stopped and started again, and must keep training.
	 */
	@EventListener(ContextClosedEvent.class)
	@PreDestroy
	void shutdown() {
		if (shuttingDown) {
			return;
		}
		shuttingDown = true;
		executor.getThreadPoolExecutor().getQueue().clear();
		// every job not ended, not only the running ones: a worker may be starting one right now
		registry.unfinished().forEach(TrainingJob::requestStop);
		executor.shutdown();
	}

}

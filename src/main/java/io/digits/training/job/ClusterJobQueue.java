package io.digits.training.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.ReplicaName;
import io.digits.shared.StoreMode;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.JobState;
import io.digits.training.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared mode's queue: db-scheduler over PostgreSQL. A job is one task instance ({@value #TASK}, the job's id),
 * stored in the same transaction as the job's record, so an accepted job is always queued. Every replica polls with
 * {@code concurrency} threads and takes a due job with {@code SELECT ... FOR UPDATE SKIP LOCKED}; while it trains, the
 * replica's heartbeats keep it; when they stop (kill -9), db-scheduler gives the job back to the queue and another
 * replica goes on from its last checkpoint. A replica that shuts down puts its running jobs back at once, checkpointed.
 * <p>
 * Cancelling a job another replica runs: {@link ClusterCancellations}.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class ClusterJobQueue implements JobQueue, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClusterJobQueue.class);

	static final String TASK = "train-job";

	private static final int SHUTDOWN_SECONDS = 30;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SchedulerClient client;

	private final CustomTask<Void> task;

	private final JobRegistry registry;

	private final JobRunner runner;

	private final JobStore store;

	private final TrainingProperties properties;

	private final ReplicaName replica;

	private final Clock clock;

	private final ClusterCancellations cancellations;

	private final EventJournaling journaling;

	private volatile Scheduler scheduler;

	ClusterJobQueue(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			JobRegistry registry, JobRunner runner, JobStore store,
			TrainingProperties properties, ReplicaName replica, ClusterCancellations cancellations,
			EventJournaling journaling, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.registry = registry;
		this.runner = runner;
		this.store = store;
		this.properties = properties;
		this.replica = replica;
		this.clock = clock;
		this.cancellations = cancellations;
		this.journaling = journaling;
		this.task = Tasks.custom(TASK, Void.class).execute((instance, context) -> train(instance.getId()));
		// joins the transaction that stores the job, so a job is stored and queued, or neither
		this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
	}

	@Override
	public boolean submit(TrainingJob job) {
		return submit(job, false);
	}

	@Override
	public boolean submitAsFirst(TrainingJob job) {
		return submit(job, true);
	}

	private boolean submit(TrainingJob job, boolean onlyAsFirst) {
		Boolean queued = transactions.execute(status -> {
			// one submission at a time in the cluster, so the bound holds when replicas take jobs together
			jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('digits-queue:' || current_schema()))")
				.query((row, n) -> n)
				.list();
			if (onlyAsFirst && store.count() > 0
					|| registry.countInState(JobState.QUEUED) >= properties.queueCapacity()) {
				return false;
			}
			try {
				registry.add(job);
				journaling.journalNow(job);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			client.schedule(task.instance(job.id()), clock.instant());
			return true;
		});
		return Boolean.TRUE.equals(queued);
	}

	/** Runs on a db-scheduler thread once this replica has taken the job; what then happens to the task. */
	private CompletionHandler<Void> train(String id) {
		JobStore.StoredJob stored = store.read(id).orElse(null);
		if (stored == null || stored.record().state().isFinal()) {
			return new CompletionHandler.OnCompleteRemove<>();
		}
		if (cancellations.marked(id)) {
			cancellations.endCancelled(id);
			return new CompletionHandler.OnCompleteRemove<>();
		}
		TrainingJob job = JobReplay.restored(stored.record(), stored.loss(), clock, properties.stream());
		journaling.continueFromJournal(job);
		journaling.attach(job);
		if (stored.record().state() != JobState.QUEUED) {
			log.info("Job {} taken over from replica {}{}", id, stored.record().replica(),
					store.hasCheckpoint(id) ? ", from its last checkpoint" : ", from the start (no checkpoint)");
		}
		registry.restored(job);
		runner.run(job);
		if (!job.state().isFinal() && job.state() != JobState.PAUSED) {
			// stopped for this replica's shutdown, checkpointed: due again at once, for another replica or the next start
			log.info("Job {} goes back to the cluster's queue", id);
			return (complete, operations) -> operations.reschedule(complete, clock.instant());
		}
		return new CompletionHandler.OnCompleteRemove<>();
	}

	/** The paused trial's record says QUEUED and its task is due, in one transaction. */
	@Override
	public boolean unpause(TrainingJob job) {
		Boolean queued = transactions.execute(status -> {
			if (!job.unpause()) {
				return false;
			}
			registry.save(job);
			client.schedule(task.instance(job.id()), clock.instant());
			return true;
		});
		return Boolean.TRUE.equals(queued);
	}

	@Override
	public Cancellation cancel(TrainingJob job) {
		if (job.state() == JobState.PAUSED) {
			// off the queue, on no replica: ended here and now
			Cancellation cancellation = job.requestCancel();
			registry.ended(job);
			return ClusterCancellations.logged(job, cancellation);
		}
		TrainingJob runningHere = registry.local(job.id()).orElse(null);
		if (runningHere != null) {
			return ClusterCancellations.logged(runningHere, runningHere.requestCancel());
		}
		if (!cancellations.mark(job.id())) {
			return Cancellation.ALREADY_ENDED;
		}
		try {
			client.cancel(TaskInstanceId.of(TASK, job.id()));
		}
		catch (TaskInstanceNotFoundException ex) {
			// no task: ended a moment ago, or about to start; the mark is read at the start
			return Cancellation.STOPPING;
		}
		catch (RuntimeException ex) {
			// being trained (or taken right now) by a replica: it stops at its next iteration
			cancellations.tellTrainer(job.id());
			return ClusterCancellations.logged(job, Cancellation.STOPPING);
		}
		// out of the queue before any replica took it (or took it again)
		cancellations.endCancelled(job.id());
		return ClusterCancellations.logged(job, Cancellation.CANCELLED);
	}

	@Override
	public void start() {
		TrainingProperties.Cluster cluster = properties.cluster();
		scheduler = Scheduler.create(dataSource, task)
			.schedulerName(new SchedulerName.Fixed(replica.get()))
			.threads(properties.concurrency())
			.pollingInterval(cluster.pollInterval())
			.heartbeatInterval(cluster.heartbeatInterval())
			.missedHeartbeatsLimit(cluster.missedHeartbeats())
			// takes only what its threads can run now, so a busy replica does not hold jobs others could start
			.pollUsingLockAndFetch(0.5, 1.0)
			.enableImmediateExecution()
			.shutdownMaxWait(Duration.ofSeconds(SHUTDOWN_SECONDS))
			.build();
		scheduler.start();
		log.info("Replica {} takes jobs from the cluster's queue ({} at a time)", replica.get(),
				properties.concurrency());
	}

	/** Running jobs stop at their next iteration, checkpointed, and go back to the queue; bounded by 30 s. */
	@Override
	public void stop() {
		registry.unfinished().forEach(TrainingJob::requestStop);
		Scheduler running = scheduler;
		if (running != null) {
			running.stop();
		}
		scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}

}

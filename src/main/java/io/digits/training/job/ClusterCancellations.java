package io.digits.training.job;

import java.time.Clock;
import java.util.List;

import io.digits.shared.ClusterSignals;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.store.JobStore;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Cancelling, in the shared mode, a job another replica may be training: a mark in the database
 * ({@code digits_job.cancel_requested}) and a signal ({@value #CHANNEL}) to every replica; the one training the job
 * stops it at its next iteration. Each replica also reads the marks of its running jobs every
 * {@code cancel-check-interval}, and again after a lost connection, so a signal lost with a connection costs seconds,
 * not the cancel.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class ClusterCancellations {

	private static final Logger log = LoggerFactory.getLogger(ClusterCancellations.class);

	/** The channel of cancellations; the payload is the job's id. */
	static final String CHANNEL = "job-cancelled";

	private final JdbcClient jdbc;

	private final JobRegistry registry;

	private final JobStore store;

	private final TrainingMetrics metrics;

	private final EventJournaling journaling;

	private final ClusterSignals signals;

	private final TrainingProperties.Stream stream;

	private final Clock clock;

	private final ThreadPoolTaskScheduler checks = new ThreadPoolTaskScheduler();

	ClusterCancellations(JdbcClient jdbc, JobRegistry registry, JobStore store, TrainingMetrics metrics,
			EventJournaling journaling, ClusterSignals signals, TrainingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.store = store;
		this.metrics = metrics;
		this.journaling = journaling;
		this.signals = signals;
		this.stream = properties.stream();
		this.clock = clock;
		signals.subscribe(CHANNEL, this::cancelIfRunningHere);
		signals.onResync(this::checkRunningJobs);
		checks.setThreadNamePrefix("cancel-checks-");
		checks.setDaemon(true);
		checks.initialize();
		checks.scheduleWithFixedDelay(this::checkRunningJobsQuietly, properties.cluster().cancelCheckInterval());
	}

	/** Marks the job cancelled; false when it has ended already. */
	boolean mark(String id) {
		return jdbc.sql("UPDATE digits_job SET cancel_requested = true WHERE id = ? AND state IN ('QUEUED', 'RUNNING')")
			.param(id)
			.update() > 0;
	}

	boolean marked(String id) {
		return !marked(List.of(id)).isEmpty();
	}

	/** Tells the replica that trains the job (whichever it is) to stop it. */
	void tellTrainer(String id) {
		signals.send(CHANNEL, id);
	}

	/** Ends, cancelled, a job no replica runs: as read back from the store, queued; its events journaled. */
	void endCancelled(String id) {
		store.read(id).ifPresent(stored -> {
			TrainingJob job = JobReplay.restored(stored.record(), stored.loss(), clock, stream);
			journaling.continueFromJournal(job);
			journaling.attach(job);
			job.requestCancel();
			registry.ended(job);
			metrics.jobFinished(job);
		});
	}

	static Cancellation logged(TrainingJob job, Cancellation cancellation) {
		if (cancellation != Cancellation.ALREADY_ENDED) {
			log.info("Job {} cancelled ({})", job.id(), cancellation);
		}
		return cancellation;
	}

	private void cancelIfRunningHere(String id) {
		registry.local(id).ifPresent(job -> {
			if (marked(id)) {
				logged(job, job.requestCancel());
			}
		});
	}

	/** The marks of this replica's running jobs, read again. */
	private void checkRunningJobs() {
		List<String> running = registry.unfinished().stream().map(TrainingJob::id).toList();
		if (!running.isEmpty()) {
			for (String id : marked(running)) {
				registry.local(id).ifPresent(job -> logged(job, job.requestCancel()));
			}
		}
	}

	private void checkRunningJobsQuietly() {
		try {
			checkRunningJobs();
		}
		catch (RuntimeException ex) {
			log.debug("Cannot read cancellations now: {}", ex.toString());
		}
	}

	private List<String> marked(List<String> ids) {
		return jdbc.sql("SELECT id FROM digits_job WHERE cancel_requested AND id IN (:ids)")
			.param("ids", ids)
			.query(String.class)
			.list();
	}

	@PreDestroy
	void stop() {
		checks.shutdown();
	}

}

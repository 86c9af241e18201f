package io.digits.training.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.digits.shared.ClusterSignals;
import io.digits.training.events.JobEvent;
import io.digits.training.events.JobEventJournal;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import io.digits.training.status.JobState;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Every job's events, journaled: in the database (shared mode) or in the job's directory (embedded). The process that
 * changes a job (trains it, cancels it) journals its events: the training thread only hands them over, and a writer
 * thread stores them in batches and signals every replica ({@value #CHANNEL}), whose streams then read what is new
 * ({@link JournalEventSources}). Ids continue from the journal's last one, so they never restart, whichever replica
 * trains the job next and after any restart. A kill loses at most the events of the last fifth of a second from the
 * journal.
 */
@Component
class EventJournaling {

	private static final Logger log = LoggerFactory.getLogger(EventJournaling.class);

	/** The channel of new events; the payload is the job's id. */
	static final String CHANNEL = "job-events";

	/** Events waiting for the writer; past it, events are dropped (and logged): training never waits. */
	private static final int QUEUE_CAPACITY = 100_000;

	private static final int BATCH = 1000;

	private record Pending(String jobId, JobEventLog.Entry entry) {
	}

	private final JobEventJournal journal;

	private final ClusterSignals signals;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);

	private final Thread writer;

	private volatile boolean stopping;

	private final Clock clock;

	EventJournaling(JobEventJournal journal, ClusterSignals signals, Clock clock) {
		this.journal = journal;
		this.clock = clock;
		this.signals = signals;
		this.writer = new Thread(this::write, "event-journal");
		writer.setDaemon(true);
		writer.start();
	}

	/** A job read back from the shared store: its next event follows the journal's last (streams read the journal). */
	void continueFromJournal(TrainingJob job) {
		job.events().continueFrom(journal.lastId(job.id()));
	}

	/**
	 * A job read back after a restart, to go on here (embedded mode): its stream holds the journal's events, under
	 * their ids, and what it publishes next is journaled. A job stored before there was a journal journals the
	 * history replayed from its record and curve, to keep those ids from now on.
	 */
	void resumeFromJournal(TrainingJob job) {
		List<JobEventSource.Sent> journaled = journal.after(job.id(), 0, Integer.MAX_VALUE);
		if (journaled.isEmpty()) {
			journalNow(job);
		}
		else {
			job.events().restore(journaled);
		}
		attach(job);
		if (!journaled.isEmpty()) {
			// what the replay would have said: queued again
			job.events().publish(new JobEvent.State(JobState.QUEUED, clock.instant(), null));
		}
	}

	/** Journals, from now on, every event of a job this replica changes (runs, or cancels). */
	void attach(TrainingJob job) {
		job.events().journalTo(entry -> {
			if (!queue.offer(new Pending(job.id(), entry))) {
				log.warn("Event {} of job {} was not journaled: {} events wait already", entry.id(), job.id(),
						QUEUE_CAPACITY);
			}
		});
	}

	/** Journals a new job's first events by the writer, then every later one: for a job no other thread sees yet. */
	void journalFromStart(TrainingJob job) {
		for (JobEventLog.Entry entry : job.events().all()) {
			queue.offer(new Pending(job.id(), entry));
		}
		attach(job);
	}

	/** Journals a new job's first events in the caller's transaction, the one that stores the job. */
	void journalNow(TrainingJob job) {
		journal.append(job.id(), job.events().all());
	}

	private void write() {
		List<Pending> batch = new ArrayList<>(BATCH);
		while (!stopping || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, BATCH - 1);
				writeBatch(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** In order per job; a batch the database refuses is tried again a second later, up to ten times. */
	private void writeBatch(List<Pending> batch) throws InterruptedException {
		Map<String, List<JobEventLog.Entry>> byJob = new LinkedHashMap<>();
		batch.forEach(pending -> byJob.computeIfAbsent(pending.jobId(), id -> new ArrayList<>()).add(pending.entry()));
		for (Map.Entry<String, List<JobEventLog.Entry>> events : byJob.entrySet()) {
			for (int attempt = 1;; attempt++) {
				try {
					journal.append(events.getKey(), events.getValue());
					signals.send(CHANNEL, events.getKey());
					break;
				}
				catch (DataIntegrityViolationException ex) {
					// the job was deleted meanwhile (the oldest finished jobs are forgotten): nothing to keep
					break;
				}
				catch (RuntimeException ex) {
					if (attempt == 10) {
						log.error("{} events of job {} were not journaled: {}", events.getValue().size(), events.getKey(),
								ex.toString());
						break;
					}
					Thread.sleep(1000);
				}
			}
		}
	}

	/** Writes what is left, bounded by 10 s. */
	@PreDestroy
	void stop() throws InterruptedException {
		stopping = true;
		writer.join(10_000);
	}

}

package io.digits.training.job;

import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.shared.StoreMode;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.JobState;
import io.digits.training.store.JobFilter;
import io.digits.training.store.JobRecord;
import io.digits.training.store.JobStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every job remembered, oldest first. In the embedded mode this process's memory knows every job and the store keeps
 * them for the next start. In the shared mode the store knows them, as other replicas add and run jobs: memory holds
 * the jobs running here (live, to the iteration) and a few finished ones read back (they no longer change); any other
 * job is read from the store when asked for. Past {@code retainedJobs}, the oldest finished jobs are forgotten.
 */
@Component
public class JobRegistry {

	/** Finished jobs of other replicas kept after a read, in the shared mode. */
	private static final int CACHED_FINISHED_JOBS = 256;

	/** Guarded by itself. Every job in the embedded mode; the ones running here in the shared mode. */
	private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();

	/** Guarded by itself; least recently read first. */
	private final Map<String, TrainingJob> finished = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, TrainingJob> eldest) {
			return size() > CACHED_FINISHED_JOBS;
		}
	};

	private final JobStore store;

	private final boolean shared;

	private final int retainedJobs;

	private final Clock clock;

	private final TrainingProperties.Stream stream;

	private final ObjectProvider<EventJournaling> journaling;

	JobRegistry(JobStore store, TrainingProperties properties, Environment environment, Clock clock,
			ObjectProvider<EventJournaling> journaling) {
		this.journaling = journaling;
		this.store = store;
		this.shared = StoreMode.of(environment) == StoreMode.SHARED;
		this.retainedJobs = properties.retainedJobs();
		this.clock = clock;
		this.stream = properties.stream();
	}

	public Optional<TrainingJob> find(String id) {
		synchronized (jobs) {
			TrainingJob job = jobs.get(id);
			if (job != null || !shared) {
				return Optional.ofNullable(job);
			}
		}
		synchronized (finished) {
			TrainingJob job = finished.get(id);
			if (job != null) {
				return Optional.of(job);
			}
		}
		return store.read(id).map(stored -> {
			TrainingJob job = JobReplay.asStored(stored.record(), stored.loss(), clock, stream);
			// its events are the journal's, with the journal's ids
			journaling.ifAvailable(journal -> journal.continueFromJournal(job));
			return readBack(job);
		});
	}

	/**
	 * One page of the jobs the filter lets through, in its order: in the shared mode as the store has them (it filters
	 * and pages), in the embedded mode as they are now in memory, which knows every job.
	 */
	public List<TrainingJob> list(JobFilter filter, int page, int size) {
		if (shared) {
			return store.list(filter, page, size).stream().map(this::knownOrReadBack).toList();
		}
		synchronized (jobs) {
			return jobs.values()
				.stream()
				.map(TrainingJob::record)
				.filter(filter::matches)
				.sorted(filter.order())
				.skip((long) page * size)
				.limit(size)
				.map(record -> jobs.get(record.id()))
				.toList();
		}
	}

	public int count() {
		if (shared) {
			return store.count();
		}
		synchronized (jobs) {
			return jobs.size();
		}
	}

	/** Jobs in a state; in the shared mode, queued ones are the cluster's, running ones this replica's. */
	public int countInState(JobState state) {
		if (shared && state == JobState.QUEUED) {
			return store.countInState(state);
		}
		synchronized (jobs) {
			return (int) jobs.values().stream().filter(job -> job.state() == state).count();
		}
	}

	List<TrainingJob> unfinished() {
		synchronized (jobs) {
			return jobs.values().stream().filter(job -> !job.state().isFinal()).toList();
		}
	}

	/** The job, when this replica runs it (shared mode) or knows it (embedded mode). */
	Optional<TrainingJob> local(String id) {
		synchronized (jobs) {
			return Optional.ofNullable(jobs.get(id));
		}
	}

	/** Remembers a job read back from the store, as it is: to resume here, or to run here. */
	void restored(TrainingJob job) {
		synchronized (jobs) {
			jobs.put(job.id(), job);
		}
	}

	/**
	 * Remembers a new job, in the store and then (embedded mode) in memory, and forgets the oldest finished ones past
	 * the bound. A job the store cannot hold is not remembered at all: the failure is the caller's to answer.
	 */
	void add(TrainingJob job) throws IOException {
		store.create(job.record());
		if (shared) {
			store.forgetFinishedBeyond(retainedJobs);
			return;
		}
		synchronized (jobs) {
			jobs.put(job.id(), job);
			forgetOldFinishedJobs();
		}
	}

	/** Forgets a job that could not be queued after all. */
	void remove(TrainingJob job) {
		synchronized (jobs) {
			jobs.remove(job.id());
		}
		store.delete(job.id());
	}

	/** Stores the job's record as it is now. */
	void save(TrainingJob job) {
		store.save(job.record());
	}

	/**
	 * Keeps a paused trial as it paused, its checkpoint with it; in the shared mode it is no longer this replica's
	 * (whichever replica takes it when the sweep lets it go on).
	 */
	void paused(TrainingJob job) {
		store.save(job.record());
		store.saveLoss(job.id(), job.progress().lossHistory().points(1, Integer.MAX_VALUE));
		if (shared) {
			synchronized (jobs) {
				jobs.remove(job.id());
			}
		}
	}

	/**
	 * Keeps an ended job as it ended: its final record and whole curve, without the checkpoint it may have (a job
	 * queued again after a restart has one too), and then keeps it small in memory.
	 */
	void ended(TrainingJob job) {
		store.save(job.record());
		store.saveLoss(job.id(), job.progress().lossHistory().points(1, Integer.MAX_VALUE));
		store.deleteCheckpoint(job.id());
		job.compact();
		if (shared) {
			synchronized (jobs) {
				jobs.remove(job.id());
			}
			readBack(job);
		}
	}

	private TrainingJob knownOrReadBack(JobRecord record) {
		synchronized (jobs) {
			TrainingJob job = jobs.get(record.id());
			if (job != null) {
				return job;
			}
		}
		synchronized (finished) {
			TrainingJob job = finished.get(record.id());
			if (job != null) {
				return job;
			}
		}
		// a list shows no curve: the record is enough, and the curve is read when the job itself is asked for
		return JobReplay.asStored(record, List.of(), clock, stream);
	}

	private TrainingJob readBack(TrainingJob job) {
		if (job.state().isFinal()) {
			synchronized (finished) {
				finished.put(job.id(), job);
			}
		}
		return job;
	}

	private void forgetOldFinishedJobs() {
		Iterator<TrainingJob> oldestFirst = jobs.values().iterator();
		while (jobs.size() > retainedJobs && oldestFirst.hasNext()) {
			TrainingJob job = oldestFirst.next();
			if (job.state().isFinal()) {
				oldestFirst.remove();
				store.delete(job.id());
			}
		}
	}

}

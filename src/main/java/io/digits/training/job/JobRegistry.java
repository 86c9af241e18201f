package io.digits.training.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.JobState;
import io.digits.training.store.JobStore;

import org.springframework.stereotype.Component;

/**
 * Every job remembered, in memory and in the store, oldest first. Past {@code retainedJobs}, the oldest finished jobs
 * are forgotten in both.
 */
@Component
public class JobRegistry {

	/** Guarded by itself. */
	private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();

	private final JobStore store;

	private final int retainedJobs;

	JobRegistry(JobStore store, TrainingProperties properties) {
		this.store = store;
		this.retainedJobs = properties.retainedJobs();
	}

	public Optional<TrainingJob> find(String id) {
		synchronized (jobs) {
			return Optional.ofNullable(jobs.get(id));
		}
	}

	/** Newest first, one page. */
	public List<TrainingJob> newestFirst(int page, int size) {
		synchronized (jobs) {
			List<TrainingJob> all = new ArrayList<>(jobs.values());
			List<TrainingJob> newestFirst = new ArrayList<>(size);
			for (long i = all.size() - 1 - (long) page * size; i >= 0 && newestFirst.size() < size; i--) {
				newestFirst.add(all.get((int) i));
			}
			return newestFirst;
		}
	}

	public int count() {
		synchronized (jobs) {
			return jobs.size();
		}
	}

	public int countInState(JobState state) {
		synchronized (jobs) {
			return (int) jobs.values().stream().filter(job -> job.state() == state).count();
		}
	}

	List<TrainingJob> unfinished() {
		synchronized (jobs) {
			return jobs.values().stream().filter(job -> !job.state().isFinal()).toList();
		}
	}

	/** Remembers a job read back from the store, as it is. */
	void restored(TrainingJob job) {
		synchronized (jobs) {
			jobs.put(job.id(), job);
		}
	}

	/**
	 * Remembers a new job, in the store and then in memory, and forgets the oldest finished ones past the bound. A job
	 * the store cannot hold is not remembered at all: the failure is the caller's to answer.
	 */
	void add(TrainingJob job) throws IOException {
		store.create(job.record());
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
	 * Keeps an ended job as it ended: its final record and whole curve, without the checkpoint it may have (a job
	 * queued again after a restart has one too), and then keeps it small in memory.
	 */
	void ended(TrainingJob job) {
		store.save(job.record());
		store.saveLoss(job.id(), job.progress().lossHistory().points(1, Integer.MAX_VALUE));
		store.deleteCheckpoint(job.id());
		job.compact();
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

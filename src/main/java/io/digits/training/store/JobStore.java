package io.digits.training.store;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.TrainingRun;
import io.digits.training.status.JobState;
import io.digits.training.status.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where jobs outlive the process: their records, loss curves and the checkpoint of a running one. Two implementations,
 * one per {@link io.digits.shared.StoreMode}: files ({@link FileJobStore}) and PostgreSQL ({@link JdbcJobStore}), held
 * to the same contract by the same tests. Writes a crash may interrupt leave the previous state whole.
 */
public interface JobStore {

	/** A stored job: its record and its loss curve. */
	record StoredJob(JobRecord record, List<LossPoint> loss) {
	}

	/** Every readable stored job, oldest first; an unreadable one is logged and left out. */
	List<StoredJob> readAll();

	/**
	 * Stores a new job, or throws: a job is accepted only once it is stored, or a restart would lose it. Nothing is
	 * left of it when this fails.
	 */
	void create(JobRecord record) throws IOException;

	/**
	 * Stores a job's record as it is now, from the training thread: a store that fails here is logged, and the job
	 * goes on with the record it has in memory (the next save, or the final one, tries again).
	 */
	void save(JobRecord record);

	/** Replaces the job's stored loss curve; a failure is logged, as for {@link #save}. */
	void saveLoss(String id, List<LossPoint> points);

	/** Replaces the job's checkpoint whole: a crash leaves the previous one or this one, never a mix. */
	void saveCheckpoint(String id, MultiLayerNetwork network, Checkpoint checkpoint) throws IOException;

	/** The checkpoint and its network, when both are there and readable. */
	Optional<TrainingRun.Resumable> loadCheckpoint(String id);

	boolean hasCheckpoint(String id);

	void deleteCheckpoint(String id);

	/** Forgets the job: record, curve and checkpoint. A failure is logged. */
	void delete(String id);

	// Reads the shared mode needs, where the store and not this process's memory knows every job. The defaults read
	// everything, which is fine for the file store (its memory knows, and these serve its tests); the database
	// answers each with one query.

	/** One job, as stored now. */
	default Optional<StoredJob> read(String id) {
		return readAll().stream().filter(job -> job.record().id().equals(id)).findFirst();
	}

	/** The records of one page of the jobs the filter lets through, in its order. */
	default List<JobRecord> list(JobFilter filter, int page, int size) {
		return readAll().stream()
			.map(StoredJob::record)
			.filter(filter::matches)
			.sorted(filter.order())
			.skip((long) page * size)
			.limit(size)
			.toList();
	}

	default int count() {
		return readAll().size();
	}

	default int countInState(JobState state) {
		return (int) readAll().stream().filter(job -> job.record().state() == state).count();
	}

	/** Forgets the oldest finished jobs past the newest {@code retained} finished ones. */
	default void forgetFinishedBeyond(int retained) {
		readAll().stream()
			.map(StoredJob::record)
			.filter(record -> record.state().isFinal())
			.sorted(NEWEST_FIRST)
			.skip(retained)
			.forEach(record -> delete(record.id()));
	}

	/** Newest first: by creation, then by id. */
	Comparator<JobRecord> NEWEST_FIRST = Comparator.comparing(JobRecord::createdAt)
		.thenComparing(JobRecord::id)
		.reversed();

}

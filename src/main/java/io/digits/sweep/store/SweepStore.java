package io.digits.sweep.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where sweeps outlive the process: files ({@link FileSweepStore}) or PostgreSQL ({@link JdbcSweepStore}), one per
 * {@link io.digits.shared.StoreMode}. Their trials are jobs, kept by the job store.
 */
public interface SweepStore {

	/** Stores a new sweep, or throws: a sweep is accepted only once stored. */
	void create(SweepRecord record) throws IOException;

	/** Stores the sweep as it is now; a failure is logged (the next change writes it again). */
	void save(SweepRecord record);

	Optional<SweepRecord> read(String id);

	/** One page, newest first. */
	List<SweepRecord> newestFirst(int page, int size);

	/** The ids of the sweeps not ended. */
	List<String> unfinished();

	/**
	 * Runs {@code work} while no one else in the cluster runs work for the same sweep: its trials' decisions (go on,
	 * pause, start the next) are taken one at a time, on whichever replica trains them.
	 */
	<T> T locked(String id, Supplier<T> work);

}

package io.digits.training.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.digits.data.DatasetName;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.TrialOf;
import io.digits.training.settings.WeightInitScheme;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import org.junit.jupiter.api.Test;

import static io.digits.data.DatasetName.FASHION_MNIST;
import static io.digits.data.DatasetName.MNIST;
import static io.digits.training.status.JobState.CANCELLED;
import static io.digits.training.status.JobState.FAILED;
import static io.digits.training.status.JobState.QUEUED;
import static io.digits.training.status.JobState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link JobStore}'s list does, the list of GET /api/jobs in the shared mode: filters by state, sweep and
 * dataset, newest first or by the last epoch's accuracy, paged after both. Part of {@link JobStoreContract}, so run on
 * files (the default, in memory) and on PostgreSQL (in SQL), on stored records read back by a new store.
 */
interface JobListContract {

	String A = "job-00000000000a", B = "job-00000000000b", C = "job-00000000000c", D = "job-00000000000d",
			E = "job-00000000000e", F = "job-00000000000f";

	String SWEEP = "sweep-00000000000a", OTHER_SWEEP = "sweep-00000000000b";

	/** A store over what the previous one of this test wrote (a fresh, empty one at the test's start). */
	JobStore reopen();

	@Test
	default void aListIsFilteredByStateSweepAndDatasetNewestFirstAndPaged() throws Exception {
		JobStore store = reopen();
		store.create(job(A, SUCCEEDED, 1, MNIST, SWEEP, 0.91));
		store.create(job(B, FAILED, 2, MNIST, SWEEP, 0.5));
		store.create(job(C, SUCCEEDED, 3, FASHION_MNIST, null, 0.85));
		store.create(job(D, SUCCEEDED, 4, MNIST, null, 0.97));
		store.create(job(E, QUEUED, 5, MNIST, OTHER_SWEEP));

		JobStore reopened = reopen();

		assertThat(ids(reopened, JobFilter.NONE, 0, 10)).containsExactly(E, D, C, B, A);
		assertThat(ids(reopened, filter(SUCCEEDED, null, null), 0, 10)).containsExactly(D, C, A);
		assertThat(ids(reopened, filter(null, SWEEP, null), 0, 10)).containsExactly(B, A);
		assertThat(ids(reopened, filter(null, OTHER_SWEEP, null), 0, 10)).containsExactly(E);
		assertThat(ids(reopened, filter(null, "sweep-0000000000ff", null), 0, 10)).isEmpty();
		assertThat(ids(reopened, filter(null, null, FASHION_MNIST), 0, 10)).containsExactly(C);
		assertThat(ids(reopened, filter(SUCCEEDED, null, MNIST), 0, 10)).containsExactly(D, A);
		assertThat(ids(reopened, filter(FAILED, SWEEP, MNIST), 0, 10)).containsExactly(B);
		assertThat(ids(reopened, filter(CANCELLED, null, null), 0, 10)).isEmpty();
		// pages are cut after the filter
		assertThat(ids(reopened, filter(null, null, MNIST), 0, 2)).containsExactly(E, D);
		assertThat(ids(reopened, filter(null, null, MNIST), 1, 2)).containsExactly(B, A);
		assertThat(ids(reopened, filter(null, null, MNIST), 2, 2)).isEmpty();
	}

	/**
	 * The last epoch counts, not the best: A's last is 0.90 though its first was 0.95. Jobs without an epoch come
	 * last, and a NaN accuracy ranks as none; ties are newest first, among them too.
	 */
	@Test
	default void aListByAccuracyIsHighestLastEpochFirstJobsWithoutOneLastTiesNewestFirst() throws Exception {
		JobStore store = reopen();
		store.create(job(F, CANCELLED, 0, MNIST, null));
		store.create(job(A, SUCCEEDED, 1, MNIST, SWEEP, 0.95, 0.90));
		store.create(job(B, SUCCEEDED, 2, MNIST, SWEEP, 0.93));
		store.create(job(C, QUEUED, 3, MNIST, null));
		store.create(job(D, SUCCEEDED, 4, MNIST, null, 0.80, 0.90));
		store.create(job(E, FAILED, 5, MNIST, SWEEP, Double.NaN));

		JobStore reopened = reopen();

		JobFilter byAccuracy = new JobFilter(null, null, null, JobFilter.Sort.ACCURACY);
		assertThat(ids(reopened, byAccuracy, 0, 10)).containsExactly(B, D, A, E, C, F);
		assertThat(ids(reopened, byAccuracy, 1, 2)).containsExactly(A, E);
		assertThat(ids(reopened, new JobFilter(null, SWEEP, null, JobFilter.Sort.ACCURACY), 0, 10))
			.containsExactly(B, A, E);
		assertThat(ids(reopened, new JobFilter(SUCCEEDED, null, null, JobFilter.Sort.ACCURACY), 0, 10))
			.containsExactly(B, D, A);
	}

	private static List<String> ids(JobStore store, JobFilter filter, int page, int size) {
		return store.list(filter, page, size).stream().map(JobRecord::id).toList();
	}

	private static JobFilter filter(JobState state, String sweepId, DatasetName dataset) {
		return new JobFilter(state, sweepId, dataset, JobFilter.Sort.DATE);
	}

	/** A job created {@code minute} minutes after 21:00, with one epoch per accuracy given. */
	private static JobRecord job(String id, JobState state, int minute, DatasetName dataset, String sweepId,
			double... testAccuracies) {
		List<EpochSummary> epochs = IntStream.range(0, testAccuracies.length)
			.mapToObj(i -> new EpochSummary(i + 1, 0.5, 0.4, testAccuracies[i], 1.0, null))
			.toList();
		Hyperparameters hyperparameters = new Hyperparameters(dataset, List.of(16), Activation.RELU, Optimizer.ADAM,
				1e-3, LearningRateSchedule.CONSTANT, 0.9, 128, Math.max(1, epochs.size()), 0, 0, 0,
				WeightInitScheme.RELU, 1, 1000, null, null);
		return new JobRecord(id, hyperparameters, false, state,
				Instant.parse("2026-11-29T21:00:00Z").plusSeconds(60L * minute), null, null, null, null, epochs,
				epochs.size(), 0, 0, 0, List.of(), null, null, null, null, null,
				sweepId == null ? null : new TrialOf(sweepId, Arrays.asList(A, B, C, D, E, F).indexOf(id)), null, null);
	}

}

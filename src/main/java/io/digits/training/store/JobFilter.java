package io.digits.training.store;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.digits.data.DatasetName;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;

/**
 * Which jobs a list shows, and in which order. Each condition narrows the list when it is set, and lets every job
 * through when it is null. Held in memory by {@link #matches} and {@link #order}; {@link JdbcJobStore} says the same
 * in SQL, and the store contract tests hold both to it.
 *
 * @param state the jobs in this state
 * @param sweepId the trials of this sweep
 * @param dataset the jobs trained on this dataset
 * @param sort newest first, or by the last epoch's test accuracy
 */
public record JobFilter(JobState state, String sweepId, DatasetName dataset, Sort sort) {

	/** Every job, newest first: the list as it was before filters. */
	public static final JobFilter NONE = new JobFilter(null, null, null, Sort.DATE);

	/** The orders a list can take. */
	public enum Sort {

		/** Newest first. */
		DATE("date"),

		/** The last epoch's test accuracy, highest first; jobs without an epoch last; ties newest first. */
		ACCURACY("accuracy");

		private final String wireName;

		Sort(String wireName) {
			this.wireName = wireName;
		}

		public String wireName() {
			return wireName;
		}

	}

	public JobFilter {
		sort = Objects.requireNonNullElse(sort, Sort.DATE);
	}

	public boolean matches(JobRecord record) {
		return (state == null || record.state() == state)
				&& (sweepId == null || record.trial() != null && sweepId.equals(record.trial().sweepId()))
				&& (dataset == null || record.hyperparameters().dataset() == dataset);
	}

	public Comparator<JobRecord> order() {
		if (sort == Sort.DATE) {
			return JobStore.NEWEST_FIRST;
		}
		return Comparator.comparing(JobFilter::lastTestAccuracy, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(JobStore.NEWEST_FIRST);
	}

	/**
	 * The test accuracy of the job's last epoch; null without an epoch, and for a NaN, which ranks nowhere (sorted
	 * as a number it would come first, above every real accuracy).
	 */
	static Double lastTestAccuracy(JobRecord record) {
		List<EpochSummary> epochs = record.epochs();
		if (epochs == null || epochs.isEmpty()) {
			return null;
		}
		double accuracy = epochs.get(epochs.size() - 1).testAccuracy();
		return Double.isNaN(accuracy) ? null : accuracy;
	}

}

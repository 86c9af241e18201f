package io.digits.training.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link JobFilter} in SQL, for {@link JdbcJobStore}: the filters on the record's JSON, the order, and the page, so
 * the database reads back only the page's records. A condition left null lets every job through: one statement
 * for every filter, whose plan scans the table, which is cheap as it holds at most digits.training.retained-jobs
 * finished jobs beside the unfinished ones.
 */
final class JobListQuery {

	/**
	 * The last epoch's test accuracy is the last element of the record's epochs (-1), none without an epoch; a NaN
	 * counts as none, as in {@link JobFilter#order()}, where PostgreSQL would rank it above every number.
	 */
	private static final String SQL = """
			SELECT record::text FROM digits_job
			WHERE (CAST(:state AS text) IS NULL OR state = :state)
				AND (CAST(:sweepId AS text) IS NULL OR record -> 'trial' ->> 'sweepId' = :sweepId)
				AND (CAST(:dataset AS text) IS NULL OR record -> 'hyperparameters' ->> 'dataset' = :dataset)
			ORDER BY CASE WHEN :byAccuracy
					THEN NULLIF(CAST(record -> 'epochs' -> -1 ->> 'testAccuracy' AS float8), 'NaN') END DESC NULLS LAST,
				created_at DESC, id DESC
			LIMIT :size OFFSET :offset
			""";

	private JobListQuery() {
	}

	/** The statement, its parameters bound: one column, each record as JSON text. */
	static JdbcClient.StatementSpec statement(JdbcClient jdbc, JobFilter filter, int page, int size) {
		return jdbc.sql(SQL)
			.param("state", filter.state() == null ? null : filter.state().name())
			.param("sweepId", filter.sweepId())
			.param("dataset", filter.dataset() == null ? null : filter.dataset().id())
			.param("byAccuracy", filter.sort() == JobFilter.Sort.ACCURACY)
			.param("size", size)
			.param("offset", (long) page * size);
	}

}

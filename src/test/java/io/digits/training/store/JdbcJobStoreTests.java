package io.digits.training.store;

import java.io.IOException;

import io.digits.shared.StoreUnwritableException;
import io.digits.support.TestDatabase;
import io.digits.training.loop.Checkpoint;
import io.digits.training.network.NetworkFactory;
import io.digits.training.status.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.json.JsonMapper;

import io.digits.training.events.JobEventJournal;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The PostgreSQL store (a schema of its own per test, see TestDatabase): the contract, and a database out of reach. */
class JdbcJobStoreTests extends JobStoreContract {

	@RegisterExtension
	final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();

	@Override
	public JobStore reopen() {
		return new JdbcJobStore(JdbcClient.create(database.schema().dataSource()), JsonMapper.builder().build());
	}

	@Override
	JobEventJournal journal() {
		return new JdbcEventJournal(JdbcClient.create(database.schema().dataSource()), JsonMapper.builder().build());
	}

	/** Nothing listens there: the job is refused with the database named (503, Retry-After), never a 500. */
	@Test
	void aNewJobTheDatabaseCannotTakeIsRefusedNamingTheDatabase() throws Exception {
		PGSimpleDataSource nowhere = new PGSimpleDataSource();
		nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
		JobStore store = new JdbcJobStore(JdbcClient.create(nowhere), JsonMapper.builder().build());

		IOException failure = catchThrowableOfType(IOException.class,
				() -> store.create(record(JOB, JobState.QUEUED, "2026-11-29T21:00:00Z")));
		StoreUnwritableException refusal = new StoreUnwritableException("The job was not queued", failure);

		assertThat(refusal.getStatusCode().value()).isEqualTo(503);
		assertThat(refusal.getMessage())
			.isEqualTo("The job was not queued: the database (digits.database.url) cannot be written (SQL state 08001).");
		assertThat(refusal.getHeaders().getFirst("Retry-After")).isEqualTo("60");
	}

	/** The same job twice is refused by the database's key, and the stored one is left as it was. */
	@Test
	void aSecondJobWithTheSameIdIsRefusedAndTheFirstIsKept() throws Exception {
		JobStore store = reopen();
		store.create(record(JOB, JobState.QUEUED, "2026-11-29T21:00:00Z"));
		store.saveCheckpoint(JOB, NetworkFactory.create(hyperparameters(1)), new Checkpoint(1, 0, 10));

		IOException failure = catchThrowableOfType(IOException.class,
				() -> store.create(record(JOB, JobState.QUEUED, "2026-11-29T22:00:00Z")));

		assertThat(failure).hasMessageContaining(JOB);
		assertThat(reopen().readAll()).singleElement()
			.satisfies(job -> assertThat(job.record().createdAt()).hasToString("2026-11-29T21:00:00Z"));
		assertThat(reopen().hasCheckpoint(JOB)).isTrue();
	}

}

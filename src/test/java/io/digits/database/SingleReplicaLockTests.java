package io.digits.database;

import java.time.Duration;

import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** One replica per database (per schema) until jobs are shared: a second is refused, the next one after it is not. */
class SingleReplicaLockTests {

	@RegisterExtension
	final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();

	@RegisterExtension
	final TestDatabase.FreshSchema otherDatabase = new TestDatabase.FreshSchema();

	@Test
	void aSecondReplicaIsRefusedNamingTheDatabaseAndOneMayStartOnceTheFirstHasGone() throws Exception {
		TestDatabase.Schema schema = database.schema();
		TestDatabase.Schema otherSchema = otherDatabase.schema();
		SingleReplicaLock first = new SingleReplicaLock(properties(schema));
		SingleReplicaLock elsewhere = new SingleReplicaLock(properties(otherSchema));

		Throwable second = catchThrowable(() -> new SingleReplicaLock(properties(schema)));

		assertThat(second).isInstanceOf(SingleReplicaLock.AnotherReplicaException.class)
			.hasMessage("Another Digits replica already uses the database at " + properties(schema).safeUrl());
		assertThat(new DatabaseFailureAnalyzer().analyze(new IllegalStateException("wrapped", second)).getAction())
			.contains("Stop the other replica");
		first.release();
		elsewhere.release();
		new SingleReplicaLock(properties(schema)).release();
	}

	private static DatabaseProperties properties(TestDatabase.Schema schema) {
		return new DatabaseProperties(schema.url(), schema.user(), schema.password(), 2, Duration.ofSeconds(1));
	}

}

package io.digits.shared;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class LostConnectionRetryTests {

	@Test
	void aStatementWhoseConnectionWasDroppedIsTriedOnceMore() {
		AtomicInteger tries = new AtomicInteger();

		int rows = LostConnectionRetry.once(() -> {
			if (tries.incrementAndGet() == 1) {
				throw new DataAccessResourceFailureException("dropped",
						new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
			}
			return 1;
		});

		assertThat(rows).isEqualTo(1);
		assertThat(tries).hasValue(2);
	}

	@Test
	void anyOtherFailureAndASecondDropFailAtOnce() {
		AtomicInteger tries = new AtomicInteger();
		Throwable duplicate = catchThrowable(() -> LostConnectionRetry.once(() -> {
			tries.incrementAndGet();
			throw new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"));
		}));
		assertThat(duplicate).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(tries).hasValue(1);

		Throwable twice = catchThrowable(() -> LostConnectionRetry.once(() -> {
			tries.incrementAndGet();
			throw new DataAccessResourceFailureException("refused", new SQLException("connection refused", "08001"));
		}));
		assertThat(twice).isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(tries).hasValue(3);
	}

}

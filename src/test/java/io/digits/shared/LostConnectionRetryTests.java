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
	void aStatementWhoseConnectionWasDroppedIsTriedAgain() {
		AtomicInteger tries = new AtomicInteger();

		int rows = LostConnectionRetry.call(() -> {
			// the pool's dead connections, one after another, then a new one
			if (tries.incrementAndGet() <= 3) {
				throw new DataAccessResourceFailureException("dropped",
						new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
			}
			return 1;
		});

		assertThat(rows).isEqualTo(1);
		assertThat(tries).hasValue(4);
	}

	@Test
	void anyOtherFailureFailsAtOnceAndALastingDropAfterItsTries() {
		AtomicInteger tries = new AtomicInteger();
		Throwable duplicate = catchThrowable(() -> LostConnectionRetry.call(() -> {
			tries.incrementAndGet();
			throw new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"));
		}));
		assertThat(duplicate).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(tries).hasValue(1);

		Throwable lasting = catchThrowable(() -> LostConnectionRetry.call(() -> {
			tries.incrementAndGet();
			throw new DataAccessResourceFailureException("refused", new SQLException("connection refused", "08001"));
		}, LostConnectionRetry.TRIES, 1));
		assertThat(lasting).isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(tries).hasValue(1 + LostConnectionRetry.TRIES);
	}

}

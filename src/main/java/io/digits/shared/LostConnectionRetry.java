package io.digits.shared;

import java.sql.SQLException;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;

/**
 * More tries for a statement whose connection the database dropped (a restart, a failover, an administrator): the pool
 * hands out a connection used a moment ago without checking it, so the statements after a drop fail on dead
 * connections while a new one would succeed. Each failure evicts its connection from the pool, and a replica holds up
 * to {@code digits.database.pool-size} of them (the queue's pollers, the event writer and requests keep several busy),
 * so one more try is not enough: up to {@value #TRIES} tries, waiting a little longer each time (about 7 s in all, the
 * length of a quick database restart). Anything else fails at once.
 */
public final class LostConnectionRetry {

	static final int TRIES = 12;

	private static final long BACKOFF_MILLIS = 100;

	private LostConnectionRetry() {
	}

	public static <T> T call(Supplier<T> statement) {
		return call(statement, TRIES, BACKOFF_MILLIS);
	}

	static <T> T call(Supplier<T> statement, int tries, long backoffMillis) {
		for (int attempt = 1;; attempt++) {
			try {
				return statement.get();
			}
			catch (DataAccessException ex) {
				if (!isLostConnection(ex) || attempt >= tries) {
					throw ex;
				}
				try {
					Thread.sleep(Math.min(1000, backoffMillis * attempt));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** SQL state class 08 (connection exception) or 57P01-57P03 (the server shutting down or restarting). */
	static boolean isLostConnection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
				return true;
			}
		}
		return false;
	}

}

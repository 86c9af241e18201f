package io.digits.shared;

import java.sql.SQLException;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;

/**
 * One more try for a statement whose connection the database dropped (a restart, a failover, an administrator):
 * the pool hands out a connection used a moment ago without checking it, so the first statement after a drop fails
 * on a dead connection while a new one would succeed. Anything else fails at once.
 */
public final class LostConnectionRetry {

	private LostConnectionRetry() {
	}

	public static <T> T once(Supplier<T> statement) {
		try {
			return statement.get();
		}
		catch (DataAccessException ex) {
			if (!isLostConnection(ex)) {
				throw ex;
			}
			return statement.get();
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

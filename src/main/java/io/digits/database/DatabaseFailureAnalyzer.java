package io.digits.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a database that does not answer at start, or one another replica already uses, into two paragraphs instead
 * of a wall of stack traces.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseUnreachableException unreachable) {
				return unreachable(unreachable);
			}
			if (cause instanceof SingleReplicaLock.AnotherReplicaException another) {
				return new FailureAnalysis(another.getMessage() + ".",
						"Stop the other replica, or give this one a database of its own. Several replicas sharing one "
								+ "database (jobs spread over them) are not supported yet.",
						another);
			}
		}
		return null;
	}

	private static FailureAnalysis unreachable(DatabaseUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Start PostgreSQL at %s, or correct DIGITS_DATABASE_URL (and DIGITS_DATABASE_USER / DIGITS_DATABASE_PASSWORD); "
						.formatted(cause.safeUrl())
						+ "without DIGITS_DATABASE_URL, Digits keeps its state in files and needs no server.",
				cause);
	}

}

package io.digits.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a database that does not answer at start into two paragraphs instead of a wall of stack traces.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseUnreachableException unreachable) {
				return unreachable(unreachable);
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

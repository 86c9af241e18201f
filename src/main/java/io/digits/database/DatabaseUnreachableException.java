package io.digits.database;

import java.sql.SQLException;

/** The shared mode's database did not answer when the replica started: it exits, saying which and why. */
class DatabaseUnreachableException extends RuntimeException {

	private final String safeUrl;

	DatabaseUnreachableException(String safeUrl, SQLException cause) {
		super("Cannot connect to the database at %s: %s".formatted(safeUrl, cause.getMessage()), cause);
		this.safeUrl = safeUrl;
	}

	String safeUrl() {
		return safeUrl;
	}

}

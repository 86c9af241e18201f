package io.digits.shared;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * A change refused because the store could not record it: {@code 507} when the disk is full, {@code 503} naming the
 * store otherwise (read-only, not writable, or the shared mode's database refusing or out of reach). Nothing was
 * changed, so the client may ask again once the store is fixed. The detail names the setting, never a path on the
 * server or the database's words.
 */
public class StoreUnwritableException extends ProblemException {

	public StoreUnwritableException(String refused, IOException cause) {
		super(isFull(cause) ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE,
				isFull(cause) ? "Store full" : "Store not writable",
				"%s: %s.".formatted(refused, sqlFailure(cause) != null
						? "the database (digits.database.url) cannot be written (" + sqlFailure(cause) + ")"
						: "the store (digits.store.dir) " + condition(cause)), cause);
		if (!isFull(cause)) {
			retryAfter(Duration.ofSeconds(60));
		}
	}

	/** The SQL state class of a database failure under the cause (08: connection, 53: resources...), or null. */
	private static String sqlFailure(IOException cause) {
		for (Throwable next = cause; next != null; next = next.getCause()) {
			if (next instanceof SQLException sql) {
				return sql.getSQLState() == null ? "no SQL state" : "SQL state " + sql.getSQLState();
			}
		}
		return null;
	}

	/** ENOSPC and EDQUOT, as the JDK words them, and PostgreSQL's disk_full. */
	static boolean isFull(IOException cause) {
		if ("SQL state 53100".equals(sqlFailure(cause))) {
			return true; // PostgreSQL's disk_full
		}
		String words = words(cause);
		return words.contains("no space left") || words.contains("quota exceeded");
	}

	private static String condition(IOException cause) {
		String words = words(cause);
		if (isFull(cause)) {
			return "is full";
		}
		if (words.contains("read-only")) {
			return "is read-only";
		}
		if (cause instanceof AccessDeniedException || words.contains("permission denied")) {
			return "is not writable (permission denied)";
		}
		if (cause instanceof FileSystemException fs && fs.getReason() != null) {
			return "cannot be written (" + fs.getReason() + ")";
		}
		return "cannot be written (" + cause.getClass().getSimpleName() + ")";
	}

	/**
	 * The reason alone where the JDK gives it apart ({@link FileSystemException#getReason()}); other messages
	 * ({@code FileOutputStream}'s) hold the path, so they are only searched, never quoted.
	 */
	private static String words(IOException cause) {
		String words = cause instanceof FileSystemException fs ? fs.getReason() : cause.getMessage();
		return words == null ? "" : words.toLowerCase(Locale.ROOT);
	}

}

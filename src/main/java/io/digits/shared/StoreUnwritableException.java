package io.digits.shared;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * A change refused because the store could not record it: {@code 507} when the disk is full, {@code 503} naming the
 * store otherwise (read-only, not writable). Nothing was changed, so the client may ask again once the store is
 * fixed. The detail names the setting, never a path on the server.
 */
public class StoreUnwritableException extends ProblemException {

	public StoreUnwritableException(String refused, IOException cause) {
		super(isFull(cause) ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE,
				isFull(cause) ? "Store full" : "Store not writable",
				"%s: the store (digits.store.dir) %s.".formatted(refused, condition(cause)), cause);
		if (!isFull(cause)) {
			retryAfter(Duration.ofSeconds(60));
		}
	}

	/** ENOSPC and EDQUOT, as the JDK words them. */
	static boolean isFull(IOException cause) {
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

package io.digits.shared;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written so that a crash leaves either the old content or the new, never half of the new: written beside the
 * target as {@code <name>.tmp}, then renamed over it.
 */
public final class AtomicFiles {

	private static final String TEMP_SUFFIX = ".tmp";

	private AtomicFiles() {
	}

	/** Writes the content of a file to a given path. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path file) throws IOException;

	}

	/**
	 * Writes the target through its temporary sibling. A failure (a full disk, a read-only store) is thrown as the
	 * {@link IOException} it is, and takes the half-written temporary file with it.
	 */
	public static void write(Path target, Content content) throws IOException {
		Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
		try {
			content.writeTo(temp);
			move(temp, target);
		}
		catch (IOException ex) {
			deleteQuietly(temp, ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			deleteQuietly(temp, ex);
			// Jackson 3 throws I/O failures unchecked (JacksonIOException): callers get them as the I/O failures they are
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ex;
		}
	}

	private static void deleteQuietly(Path temp, Exception failure) {
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException ex) {
			// a store that cannot be written may not allow this either: the start's clean-up takes it then
			failure.addSuppressed(ex);
		}
	}

	/** Renames atomically where the file system can (the store's directories are on one file system). */
	public static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Deletes the temporary files that writes interrupted by a crash or a full disk left in a directory; called at
	 * start, before anything writes. Answers how many went.
	 */
	public static int deleteLeftovers(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return 0;
		}
		int deleted = 0;
		try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
			for (Path temp : temps) {
				if (Files.isRegularFile(temp) && Files.deleteIfExists(temp)) {
					deleted++;
				}
			}
		}
		return deleted;
	}

}

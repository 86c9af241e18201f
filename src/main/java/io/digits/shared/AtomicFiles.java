package io.digits.shared;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written so that a crash leaves either the old content or the new, never half of the new: written beside the
 * target, then renamed over it.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/** Writes the content of a file to a given path. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path file) throws IOException;

	}

	public static void write(Path target, Content content) throws IOException {
		Path temp = target.resolveSibling(target.getFileName() + ".tmp");
		content.writeTo(temp);
		move(temp, target);
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

}

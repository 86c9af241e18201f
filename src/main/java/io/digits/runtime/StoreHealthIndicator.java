package io.digits.runtime;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The embedded store can take what the service writes: each of its directories accepts a file (a read-only or broken store
 * does not), and the disk has {@code digits.store.min-free-space} left. In the readiness group: a service that cannot
 * store jobs or models refuses them (507, 503), so it should get no traffic that needs them; not in liveness, as
 * restarting does not free a disk.
 */
@Component("store")
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class StoreHealthIndicator implements HealthIndicator {

	private final Path root;

	private final List<Path> dirs;

	private final long minFreeBytes;

	StoreHealthIndicator(StoreProperties properties) {
		this.root = properties.dir();
		this.dirs = List.of(root, root.resolve("jobs"), root.resolve("models"));
		this.minFreeBytes = properties.minFreeSpace().toBytes();
	}

	@Override
	public Health health() {
		long freeBytes;
		try {
			freeBytes = Files.getFileStore(root).getUsableSpace();
		}
		catch (IOException ex) {
			return Health.down().withDetail("error", "the store cannot be read: " + ex.getClass().getSimpleName()).build();
		}
		String error = unwritable();
		if (error == null && freeBytes < minFreeBytes) {
			error = "%d MB free, below digits.store.min-free-space".formatted(freeBytes >> 20);
		}
		Health.Builder health = error == null ? Health.up() : Health.down().withDetail("error", error);
		return health.withDetail("freeBytes", freeBytes).withDetail("minFreeBytes", minFreeBytes).build();
	}

	/** What is wrong with the first directory that cannot be written, or null. */
	private String unwritable() {
		for (Path dir : dirs) {
			String failure = probe(dir);
			if (failure != null) {
				String name = dir.equals(root) ? "the store" : "its " + dir.getFileName() + "/ directory";
				return "%s (digits.store.dir) cannot be written: %s".formatted(name, failure);
			}
		}
		return null;
	}

	/**
	 * Writes and deletes a byte: creating a file alone can succeed on a full disk. Named like the store's temporary
	 * files, so one left by a crash is cleaned at start with them.
	 */
	private static String probe(Path dir) {
		try {
			Path probe = Files.createTempFile(dir, ".health-", ".tmp");
			try {
				Files.write(probe, new byte[] { 1 });
			}
			finally {
				Files.deleteIfExists(probe);
			}
			return null;
		}
		catch (IOException ex) {
			String reason = ex instanceof FileSystemException fs ? fs.getReason() : ex.getMessage();
			return reason == null ? ex.getClass().getSimpleName() : reason;
		}
	}

}

package io.digits.sweep.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.digits.shared.AtomicFiles;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.Ids;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The embedded mode's sweeps: {@code sweeps/<id>.json} under the store, each written whole (a temporary file and a
 * rename), and all of them in memory, read once at the start.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class FileSweepStore implements SweepStore {

	private static final Logger log = LoggerFactory.getLogger(FileSweepStore.class);

	private final Path dir;

	private final JsonMapper json;

	/** Guarded by itself; oldest first. */
	private final Map<String, SweepRecord> sweeps = new LinkedHashMap<>();

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	FileSweepStore(StoreProperties properties, JsonMapper json) {
		this.dir = properties.dir().resolve("sweeps");
		this.json = json;
		try {
			Files.createDirectories(dir);
			AtomicFiles.deleteLeftovers(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + dir.toAbsolutePath(), ex);
		}
		readAll().forEach(record -> sweeps.put(record.id(), record));
	}

	private List<SweepRecord> readAll() {
		List<SweepRecord> records = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
			for (Path file : files) {
				String id = file.getFileName().toString().replaceFirst("\\.json$", "");
				if (!Ids.isWellFormed(SweepRecord.ID_PREFIX, id)) {
					continue;
				}
				try {
					records.add(json.readValue(file.toFile(), SweepRecord.class));
				}
				catch (RuntimeException ex) {
					log.warn("Ignoring unreadable sweep {}: {}", file, ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		records.sort(Comparator.comparing(SweepRecord::createdAt).thenComparing(SweepRecord::id));
		return records;
	}

	@Override
	public void create(SweepRecord record) throws IOException {
		write(record);
		synchronized (sweeps) {
			sweeps.put(record.id(), record);
		}
	}

	@Override
	public void save(SweepRecord record) {
		synchronized (sweeps) {
			sweeps.put(record.id(), record);
		}
		try {
			write(record);
		}
		catch (IOException | RuntimeException ex) {
			log.error("Cannot store sweep {}: {}", record.id(), ex.toString());
		}
	}

	private void write(SweepRecord record) throws IOException {
		AtomicFiles.write(dir.resolve(record.id() + ".json"), temp -> json.writeValue(temp.toFile(), record));
	}

	@Override
	public Optional<SweepRecord> read(String id) {
		synchronized (sweeps) {
			return Optional.ofNullable(sweeps.get(id));
		}
	}

	@Override
	public List<SweepRecord> newestFirst(int page, int size) {
		synchronized (sweeps) {
			List<SweepRecord> all = new ArrayList<>(sweeps.values());
			List<SweepRecord> newestFirst = new ArrayList<>(size);
			for (long i = all.size() - 1 - (long) page * size; i >= 0 && newestFirst.size() < size; i--) {
				newestFirst.add(all.get((int) i));
			}
			return newestFirst;
		}
	}

	@Override
	public List<String> unfinished() {
		synchronized (sweeps) {
			return sweeps.values().stream().filter(record -> !record.state().isFinal()).map(SweepRecord::id).toList();
		}
	}

	@Override
	public <T> T locked(String id, Supplier<T> work) {
		synchronized (locks.computeIfAbsent(id, key -> new Object())) {
			return work.get();
		}
	}

}

package io.digits.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
 * The embedded mode's captures: {@code captures/<id>.gray} (784 bytes, as in MNIST's files) written first, then
 * {@code captures/<id>.json}, which makes the capture exist; a crash between the two leaves a {@code .gray} alone,
 * deleted at the next start. The descriptions are all in memory, read once at the start (digits.capture.max-count
 * bounds them); the gray bytes are read from disk when asked for.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class FileCaptureStore implements CaptureStore {

	private static final Logger log = LoggerFactory.getLogger(FileCaptureStore.class);

	private static final Comparator<Capture> OLDEST_FIRST = Comparator.comparing(Capture::capturedAt)
		.thenComparing(Capture::id);

	private final Path dir;

	private final JsonMapper json;

	/** Held while the files change, so that a label never writes back a capture being deleted. */
	private final Object writes = new Object();

	/** Guards the two views of the index; held only for in-memory work. */
	private final Object index = new Object();

	private final Map<String, Capture> byId = new HashMap<>();

	private final TreeSet<Capture> ordered = new TreeSet<>(OLDEST_FIRST);

	FileCaptureStore(StoreProperties properties, JsonMapper json) {
		this.dir = properties.dir().resolve("captures");
		this.json = json;
		try {
			Files.createDirectories(dir);
			AtomicFiles.deleteLeftovers(dir);
			readAll();
			deleteOrphanPixels();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the captures in " + dir.toAbsolutePath(), ex);
		}
	}

	private void readAll() throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
			for (Path file : files) {
				String id = file.getFileName().toString().replaceFirst("\\.json$", "");
				if (!Ids.isWellFormed(Capture.ID_PREFIX, id)) {
					continue;
				}
				try {
					add(json.readValue(file.toFile(), Capture.class));
				}
				catch (RuntimeException ex) {
					log.warn("Ignoring unreadable capture {}: {}", file.getFileName(), ex.getMessage());
				}
			}
		}
	}

	private void deleteOrphanPixels() throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.gray")) {
			for (Path file : files) {
				if (!byId.containsKey(file.getFileName().toString().replaceFirst("\\.gray$", ""))) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	@Override
	public void insert(Capture capture, byte[] pixels) throws IOException {
		synchronized (writes) {
			Path gray = grayFile(capture.id());
			AtomicFiles.write(gray, temp -> Files.write(temp, pixels));
			try {
				writeJson(capture);
			}
			catch (IOException | RuntimeException ex) {
				Files.deleteIfExists(gray);
				throw ex;
			}
			synchronized (index) {
				add(capture);
			}
		}
	}

	@Override
	public Optional<Capture> read(String id) {
		synchronized (index) {
			return Optional.ofNullable(byId.get(id));
		}
	}

	@Override
	public Map<String, byte[]> pixels(List<String> ids) {
		Map<String, byte[]> found = new LinkedHashMap<>();
		for (String id : ids) {
			if (!Ids.isWellFormed(Capture.ID_PREFIX, id)) {
				continue;
			}
			try {
				found.put(id, Files.readAllBytes(grayFile(id)));
			}
			catch (NoSuchFileException ex) {
				// deleted since it was listed
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return found;
	}

	@Override
	public List<Capture> newestFirst(CaptureFilter filter, long offset, int limit) {
		List<Capture> page = new ArrayList<>(Math.min(limit, 64));
		long skipped = 0;
		synchronized (index) {
			for (Iterator<Capture> it = ordered.descendingIterator(); it.hasNext() && page.size() < limit;) {
				Capture capture = it.next();
				if (filter.matches(capture) && skipped++ >= offset) {
					page.add(capture);
				}
			}
		}
		return page;
	}

	@Override
	public Optional<Capture> label(String id, int digit, Instant at) throws IOException {
		synchronized (writes) {
			Optional<Capture> labelled = read(id).map(capture -> capture.labelled(digit, at));
			if (labelled.isPresent()) {
				writeJson(labelled.get());
				synchronized (index) {
					add(labelled.get());
				}
			}
			return labelled;
		}
	}

	@Override
	public boolean delete(String id) throws IOException {
		synchronized (writes) {
			Capture capture = read(id).orElse(null);
			if (capture == null) {
				return false;
			}
			deleteAll(List.of(capture));
			return true;
		}
	}

	@Override
	public int deleteAll() throws IOException {
		return deleteWhere(capture -> true, Integer.MAX_VALUE);
	}

	@Override
	public int deleteCapturedBefore(Instant cutoff) throws IOException {
		return deleteWhere(capture -> capture.capturedAt().isBefore(cutoff), Integer.MAX_VALUE);
	}

	@Override
	public int keepNewest(int count) throws IOException {
		synchronized (writes) {
			int excess;
			synchronized (index) {
				excess = ordered.size() - count;
			}
			return excess <= 0 ? 0 : deleteWhere(capture -> true, excess);
		}
	}

	/** Deletes the oldest {@code most} captures {@code which} picks, each its description first. */
	private int deleteWhere(java.util.function.Predicate<Capture> which, int most) throws IOException {
		synchronized (writes) {
			List<Capture> doomed = new ArrayList<>();
			synchronized (index) {
				for (Iterator<Capture> it = ordered.iterator(); it.hasNext() && doomed.size() < most;) {
					Capture capture = it.next();
					if (which.test(capture)) {
						doomed.add(capture);
					}
				}
			}
			deleteAll(doomed);
			return doomed.size();
		}
	}

	/** The description goes first: a crash then leaves only gray bytes, which the next start deletes. */
	private void deleteAll(List<Capture> doomed) throws IOException {
		for (Capture capture : doomed) {
			Files.deleteIfExists(dir.resolve(capture.id() + ".json"));
			synchronized (index) {
				byId.remove(capture.id());
				ordered.remove(capture);
			}
			Files.deleteIfExists(grayFile(capture.id()));
		}
	}

	@Override
	public List<LabelledPixels> oldestLabelled(String dataset, int max) {
		List<Capture> labelled = new ArrayList<>();
		synchronized (index) {
			for (Iterator<Capture> it = ordered.iterator(); it.hasNext() && labelled.size() < max;) {
				Capture capture = it.next();
				if (capture.label() != null && capture.dataset().equals(dataset)) {
					labelled.add(capture);
				}
			}
		}
		Map<String, byte[]> pixels = pixels(labelled.stream().map(Capture::id).toList());
		return labelled.stream()
			.filter(capture -> pixels.containsKey(capture.id()))
			.map(capture -> new LabelledPixels(capture.id(), capture.label(), pixels.get(capture.id())))
			.toList();
	}

	/** Both views at once; a capture labelled again replaces itself (same time and id, so the same place). */
	private void add(Capture capture) {
		Capture previous = byId.put(capture.id(), capture);
		if (previous != null) {
			ordered.remove(previous);
		}
		ordered.add(capture);
	}

	private void writeJson(Capture capture) throws IOException {
		AtomicFiles.write(dir.resolve(capture.id() + ".json"), temp -> json.writeValue(temp.toFile(), capture));
	}

	private Path grayFile(String id) {
		return dir.resolve(id + ".gray");
	}

}

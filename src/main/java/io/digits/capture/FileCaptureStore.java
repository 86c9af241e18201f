package io.digits.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
 * deleted at the next start. The descriptions are all in memory ({@link CaptureIndex}), read once at the start
 * (digits.capture.max-count bounds them); the gray bytes are read from disk when asked for.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class FileCaptureStore implements CaptureStore {

	private static final Logger log = LoggerFactory.getLogger(FileCaptureStore.class);

	private final Path dir;

	private final JsonMapper json;

	/** Held while the files change, so that a label never writes back a capture being deleted. */
	private final Object writes = new Object();

	private final CaptureIndex index = new CaptureIndex();

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
				if (!Ids.isWellFormed(Capture.ID_PREFIX, file.getFileName().toString().replaceFirst("\\.json$", ""))) {
					continue;
				}
				try {
					index.put(json.readValue(file.toFile(), Capture.class));
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
				if (!index.contains(file.getFileName().toString().replaceFirst("\\.gray$", ""))) {
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
			index.put(capture);
		}
	}

	@Override
	public Optional<Capture> read(String id) {
		return index.get(id);
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
		return index.newest(filter::matches, offset, limit);
	}

	@Override
	public Optional<Capture> label(String id, int digit, Instant at) throws IOException {
		synchronized (writes) {
			Optional<Capture> labelled = index.get(id).map(capture -> capture.labelled(digit, at));
			if (labelled.isPresent()) {
				writeJson(labelled.get());
				index.put(labelled.get());
			}
			return labelled;
		}
	}

	@Override
	public boolean delete(String id) throws IOException {
		synchronized (writes) {
			Optional<Capture> capture = index.get(id);
			if (capture.isPresent()) {
				remove(List.of(capture.get()));
			}
			return capture.isPresent();
		}
	}

	@Override
	public int deleteAll() throws IOException {
		return deleteOldest(capture -> true, Integer.MAX_VALUE);
	}

	@Override
	public int deleteCapturedBefore(Instant cutoff) throws IOException {
		return deleteOldest(capture -> capture.capturedAt().isBefore(cutoff), Integer.MAX_VALUE);
	}

	@Override
	public int keepNewest(int count) throws IOException {
		synchronized (writes) {
			int excess = index.size() - count;
			return excess <= 0 ? 0 : deleteOldest(capture -> true, excess);
		}
	}

	@Override
	public List<LabelledPixels> oldestLabelled(String dataset, int max) {
		List<Capture> labelled = index.oldest(capture -> capture.label() != null && capture.dataset().equals(dataset), max);
		Map<String, byte[]> pixels = pixels(labelled.stream().map(Capture::id).toList());
		return labelled.stream()
			.filter(capture -> pixels.containsKey(capture.id()))
			.map(capture -> new LabelledPixels(capture.id(), capture.label(), pixels.get(capture.id())))
			.toList();
	}

	/** Deletes the oldest {@code most} captures {@code which} picks. */
	private int deleteOldest(Predicate<Capture> which, int most) throws IOException {
		synchronized (writes) {
			List<Capture> doomed = index.oldest(which, most);
			remove(doomed);
			return doomed.size();
		}
	}

	/** The description goes first: a crash then leaves only gray bytes, which the next start deletes. */
	private void remove(List<Capture> doomed) throws IOException {
		for (Capture capture : doomed) {
			Files.deleteIfExists(dir.resolve(capture.id() + ".json"));
			index.remove(capture);
			Files.deleteIfExists(grayFile(capture.id()));
		}
	}

	private void writeJson(Capture capture) throws IOException {
		AtomicFiles.write(dir.resolve(capture.id() + ".json"), temp -> json.writeValue(temp.toFile(), capture));
	}

	private Path grayFile(String id) {
		return dir.resolve(id + ".gray");
	}

}

package io.digits.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Loads each dataset from the data directory the first time it is asked for and keeps it for every later job.
 * Files may be raw or gzip-compressed ({@code name} or {@code name.gz}).
 */
@Component
public class DatasetRepository {

	private static final Logger log = LoggerFactory.getLogger(DatasetRepository.class);

	private final Path dataDir;

	private final Map<DatasetName, Dataset> loaded = new ConcurrentHashMap<>();

	/**
	 * A daemon thread for each background load. Shutdown does not wait for it: a load holds nothing that must be
	 * finished or released, and it would only delay the exit.
	 */
	private final SimpleAsyncTaskExecutor preloader = new SimpleAsyncTaskExecutor("dataset-preload-");

	public DatasetRepository(DataProperties properties) {
		this.dataDir = properties.dir();
		preloader.setDaemon(true);
	}

	/** The dataset, loading it on first use; a missing or damaged file fails with a message that names it. */
	public Dataset get(DatasetName name) {
		Dataset dataset = loaded.get(name);
		if (dataset != null) {
			return dataset;
		}
		synchronized (this) {
			return loaded.computeIfAbsent(name, this::load);
		}
	}

	/** Loads MNIST in the background once the service is up, so the first job starts at once and readiness can say so. */
	@EventListener(ApplicationReadyEvent.class)
	void preloadMnist() {
		preloader.execute(() -> {
			try {
				get(DatasetName.MNIST);
			}
			catch (DatasetUnavailableException ex) {
				log.warn(ex.getMessage());
			}
		});
	}

	/** Takes no more background loads; one under way ends on its own (see {@link #preloader}). */
	@PreDestroy
	void stopPreloading() {
		preloader.close();
	}

	public boolean isLoaded(DatasetName name) {
		return loaded.containsKey(name);
	}

	private Dataset load(DatasetName name) {
		long started = System.nanoTime();
		Path dir = dataDir.resolve(name.id());
		try {
			Dataset dataset = new Dataset(name, split(dir, "train"), split(dir, "t10k"));
			log.info("Loaded {} from {}: {} training and {} test images in {} ms", name, dir.toAbsolutePath(),
					dataset.train().count(), dataset.test().count(), (System.nanoTime() - started) / 1_000_000);
			return dataset;
		}
		catch (IOException ex) {
			throw new DatasetUnavailableException("Dataset '%s' is not usable: %s. Run scripts/fetch-data.sh %s"
				.formatted(name, ex.getMessage(), dataDir), ex);
		}
	}

	private LabelledImages split(Path dir, String prefix) throws IOException {
		IdxReader.IdxImages images = IdxReader.readImages(find(dir, prefix + "-images-idx3-ubyte"));
		byte[] labels = IdxReader.readLabels(find(dir, prefix + "-labels-idx1-ubyte"), LabelledImages.CLASSES);
		if (images.count() != labels.length) {
			throw new IOException("%s holds %d images but its labels %d".formatted(dir, images.count(), labels.length));
		}
		return LabelledImages.of(images, labels);
	}

	private static Path find(Path dir, String fileName) {
		Path raw = dir.resolve(fileName);
		Path gzip = dir.resolve(fileName + ".gz");
		return Files.exists(raw) || !Files.exists(gzip) ? raw : gzip;
	}

}

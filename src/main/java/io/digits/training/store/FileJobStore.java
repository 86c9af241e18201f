package io.digits.training.store;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.digits.shared.AtomicFiles;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.Ids;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;
import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.TrainingRun;
import io.digits.training.status.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded default's jobs, on disk, so a crash or a restart loses none: {@code jobs/<id>/job.json} (the record), {@code loss.csv} (the
 * recorded curve) and, while a job runs, a checkpoint: {@code checkpoint-<epochs>-<batches>.zip} (the network with its
 * updater state) and {@code checkpoint.json} (where it stands, and which zip holds its network). Every file is written
 * beside its final name and renamed into place; a checkpoint's record is written after its network and names it, so
 * a crash between the two leaves the previous checkpoint whole.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
public class FileJobStore implements JobStore {

	private static final Logger log = LoggerFactory.getLogger(FileJobStore.class);

	private final Path jobsDir;

	private final JsonMapper json;

	public FileJobStore(StoreProperties properties, JsonMapper json) {
		this.jobsDir = properties.dir().resolve("jobs");
		this.json = json;
		try {
			Files.createDirectories(jobsDir);
			deleteLeftovers();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + jobsDir.toAbsolutePath(), ex);
		}
	}

	/** The temporary files of writes a crash or a full disk interrupted: never read, so they only take space. */
	private void deleteLeftovers() throws IOException {
		int deleted = 0;
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jobsDir, Files::isDirectory)) {
			for (Path dir : dirs) {
				deleted += AtomicFiles.deleteLeftovers(dir);
			}
		}
		if (deleted > 0) {
			log.info("Deleted {} temporary files left in {} by interrupted writes", deleted, jobsDir);
		}
	}

	@Override
	public List<StoredJob> readAll() {
		List<StoredJob> jobs = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jobsDir,
				dir -> Files.isDirectory(dir) && Ids.isWellFormed(JobRecord.ID_PREFIX, dir.getFileName().toString()))) {
			for (Path dir : dirs) {
				try {
					JobRecord record = json.readValue(dir.resolve("job.json").toFile(), JobRecord.class);
					if (record == null || record.id() == null || record.state() == null || record.createdAt() == null
							|| record.hyperparameters() == null || record.epochs() == null) {
						throw new IllegalStateException("job.json lacks a required field");
					}
					jobs.add(new StoredJob(record, readLoss(dir.resolve("loss.csv"))));
				}
				catch (IOException | RuntimeException ex) {
					log.warn("Ignoring unreadable job in {}: {}", dir, ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		jobs.sort(Comparator.comparing(job -> job.record().createdAt()));
		return jobs;
	}

	@Override
	public void create(JobRecord record) throws IOException {
		Path dir = jobsDir.resolve(record.id());
		try {
			write(record);
		}
		catch (IOException ex) {
			try {
				FileSystemUtils.deleteRecursively(dir);
			}
			catch (IOException leftover) {
				// the store refuses this too: the job is still refused, and its directory holds no record to read
				ex.addSuppressed(leftover);
			}
			throw ex;
		}
	}

	@Override
	public void save(JobRecord record) {
		try {
			write(record);
		}
		catch (IOException | RuntimeException ex) {
			log.error("Cannot store job {}: {}", record.id(), ex.toString());
		}
	}

	private void write(JobRecord record) throws IOException {
		Path dir = Files.createDirectories(jobsDir.resolve(record.id()));
		AtomicFiles.write(dir.resolve("job.json"), temp -> json.writeValue(temp.toFile(), record));
	}

	@Override
	public void saveLoss(String id, List<LossPoint> points) {
		try {
			Path dir = Files.createDirectories(jobsDir.resolve(id));
			AtomicFiles.write(dir.resolve("loss.csv"), temp -> {
				try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
					LossCsv.write(points, out);
				}
			});
		}
		catch (IOException ex) {
			log.error("Cannot store the loss curve of job {}: {}", id, ex.toString());
		}
	}

	@Override
	public void saveCheckpoint(String id, MultiLayerNetwork network, Checkpoint checkpoint) throws IOException {
		String file = saveCheckpointNetwork(id, network, checkpoint);
		Path dir = jobsDir.resolve(id);
		AtomicFiles.write(dir.resolve("checkpoint.json"),
				temp -> json.writeValue(temp.toFile(), new CheckpointRecord(checkpoint, file)));
		deleteCheckpointNetworks(dir, file);
	}

	/** The first half of {@link #saveCheckpoint}: the network, under a name of its own. */
	public String saveCheckpointNetwork(String id, MultiLayerNetwork network, Checkpoint checkpoint) throws IOException {
		Path dir = Files.createDirectories(jobsDir.resolve(id));
		String file = "checkpoint-%d-%d.zip".formatted(checkpoint.epochsDone(), checkpoint.batchesIntoEpoch());
		AtomicFiles.write(dir.resolve(file), temp -> ModelSerializer.writeModel(network, temp.toFile(), true));
		return file;
	}

	/** What checkpoint.json holds: where the job stands and the zip with its network. */
	private record CheckpointRecord(int epochsDone, int batchesIntoEpoch, long iteration, String network) {

		CheckpointRecord(Checkpoint checkpoint, String network) {
			this(checkpoint.epochsDone(), checkpoint.batchesIntoEpoch(), checkpoint.iteration(), network);
		}

		Checkpoint checkpoint() {
			return new Checkpoint(epochsDone, batchesIntoEpoch, iteration);
		}

	}

	@Override
	public Optional<TrainingRun.Resumable> loadCheckpoint(String id) {
		Path dir = jobsDir.resolve(id);
		Path where = dir.resolve("checkpoint.json");
		if (!Files.exists(where)) {
			return Optional.empty();
		}
		try {
			CheckpointRecord stored = json.readValue(where.toFile(), CheckpointRecord.class);
			// records written before checkpoints were versioned name no zip
			Path network = dir.resolve(stored.network() != null ? stored.network() : "checkpoint.zip");
			if (!Files.exists(network)) {
				log.warn("Checkpoint of job {} names {}, which is missing", id, network.getFileName());
				return Optional.empty();
			}
			return Optional.of(new TrainingRun.Resumable(stored.checkpoint(),
					ModelSerializer.restoreMultiLayerNetwork(network.toFile(), true)));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Checkpoint of job {} is unreadable: {}", id, ex.toString());
			return Optional.empty();
		}
	}

	@Override
	public boolean hasCheckpoint(String id) {
		return Files.exists(jobsDir.resolve(id).resolve("checkpoint.json"));
	}

	@Override
	public void deleteCheckpoint(String id) {
		Path dir = jobsDir.resolve(id);
		try {
			// the record first: without it, leftover zips are never read
			Files.deleteIfExists(dir.resolve("checkpoint.json"));
			deleteCheckpointNetworks(dir, null);
		}
		catch (IOException ex) {
			log.warn("Cannot delete the checkpoint of job {}: {}", id, ex.toString());
		}
	}

	/** Every checkpoint zip in the job's directory but {@code keep}. */
	private static void deleteCheckpointNetworks(Path dir, String keep) throws IOException {
		if (!Files.isDirectory(dir)) {
			return;
		}
		try (DirectoryStream<Path> zips = Files.newDirectoryStream(dir, "checkpoint*.zip")) {
			for (Path zip : zips) {
				if (!zip.getFileName().toString().equals(keep)) {
					Files.deleteIfExists(zip);
				}
			}
		}
	}

	@Override
	public void delete(String id) {
		try {
			FileSystemUtils.deleteRecursively(jobsDir.resolve(id));
		}
		catch (IOException ex) {
			log.warn("Cannot delete stored job {}: {}", id, ex.toString());
		}
	}

	private static List<LossPoint> readLoss(Path file) throws IOException {
		if (!Files.exists(file)) {
			return new ArrayList<>();
		}
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new ArrayList<>(LossCsv.read(in));
		}
	}

}

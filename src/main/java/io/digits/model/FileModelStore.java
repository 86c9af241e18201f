package io.digits.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.digits.shared.AtomicFiles;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.Ids;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;
import org.apache.commons.codec.digest.DigestUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded default's models, on disk: {@code models/<id>/model.zip} (DL4J's {@link ModelSerializer} format, with the updater state
 * so training can go on) and {@code models/<id>/model.json}, plus {@code active-model.json}. A model is written into a
 * hidden directory and then renamed into place, so a crash never leaves a half-written model that looks valid.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class FileModelStore implements ModelStore {

	private static final Logger log = LoggerFactory.getLogger(FileModelStore.class);

	private static final String MODEL_FILE = "model.zip";

	private static final String METADATA_FILE = "model.json";

	private static final String ACTIVE_FILE = "active-model.json";

	private final Path root;

	private final Path modelsDir;

	private final JsonMapper json;

	FileModelStore(StoreProperties properties, JsonMapper json) {
		this.root = properties.dir();
		this.modelsDir = root.resolve("models");
		this.json = json;
		try {
			Files.createDirectories(modelsDir);
			deleteLeftovers();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the model store " + modelsDir.toAbsolutePath(), ex);
		}
		log.info("Model store: {}", root.toAbsolutePath());
	}

	/**
	 * What interrupted writes left (a crash, a full disk): temporary files beside the store's own, models half
	 * written into their hidden directory, models whose deletion stopped half-way. None is ever read.
	 */
	private void deleteLeftovers() throws IOException {
		int deleted = AtomicFiles.deleteLeftovers(root);
		try (DirectoryStream<Path> hidden = Files.newDirectoryStream(modelsDir, ".{incoming,deleted}-*")) {
			for (Path dir : hidden) {
				if (FileSystemUtils.deleteRecursively(dir)) {
					deleted++;
				}
			}
		}
		if (deleted > 0) {
			log.info("Deleted {} files and directories left in {} by interrupted writes", deleted, root);
		}
	}

	@Override
	public List<Found> readAll() {
		List<Found> models = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(modelsDir, dir -> Files.isDirectory(dir)
				&& Ids.isWellFormed(PREFIX, dir.getFileName().toString()))) {
			for (Path dir : dirs) {
				ModelMetadata metadata;
				try {
					metadata = json.readValue(dir.resolve(METADATA_FILE).toFile(), ModelMetadata.class);
				}
				catch (RuntimeException ex) {
					log.warn("Ignoring model in {}: its metadata is unreadable ({})", dir, ex.getMessage());
					continue;
				}
				String problem = check(dir.resolve(MODEL_FILE), metadata);
				if (problem != null) {
					log.error("Model {} is unusable: {}", metadata.id(), problem);
				}
				models.add(new Found(metadata, problem));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return models;
	}

	@Override
	public ModelMetadata save(MultiLayerNetwork network, String id, Instant createdAt, TrainingReport report)
			throws IOException {
		Path incoming = modelsDir.resolve(".incoming-" + id);
		Files.createDirectories(incoming);
		try {
			Path modelFile = incoming.resolve(MODEL_FILE);
			ModelSerializer.writeModel(network, modelFile.toFile(), true);
			ModelMetadata metadata = ModelMetadata.of(id, createdAt, network.numParams(), Files.size(modelFile),
					sha256(modelFile), report);
			json.writeValue(incoming.resolve(METADATA_FILE).toFile(), metadata);
			AtomicFiles.move(incoming, modelsDir.resolve(id));
			return metadata;
		}
		finally {
			FileSystemUtils.deleteRecursively(incoming);
		}
	}

	private static String check(Path file, ModelMetadata metadata) {
		try {
			if (!Files.exists(file)) {
				return "its model file is missing";
			}
			if (Files.size(file) != metadata.fileBytes()) {
				return "its model file has %d bytes, %d were written".formatted(Files.size(file), metadata.fileBytes());
			}
			if (metadata.sha256() != null && !metadata.sha256().equals(sha256(file))) {
				return "its model file is corrupted (SHA-256 differs from the one recorded)";
			}
			return null;
		}
		catch (IOException ex) {
			return "its model file cannot be read: " + ex.getMessage();
		}
	}

	private static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return DigestUtils.sha256Hex(in);
		}
	}

	@Override
	public MultiLayerNetwork load(String id) throws IOException {
		return ModelSerializer.restoreMultiLayerNetwork(modelFile(id).toFile(), false);
	}

	@Override
	public Resource file(String id) {
		return new FileSystemResource(modelFile(id));
	}

	private Path modelFile(String id) {
		return modelsDir.resolve(id).resolve(MODEL_FILE);
	}

	/**
	 * Throws, with the model still whole, when its directory cannot be taken out of the store. Once it is out, the
	 * model is gone whatever follows: files that cannot be deleted now are deleted at the next start.
	 */
	@Override
	public void delete(String id) throws IOException {
		Path dir = modelsDir.resolve(id);
		Path doomed = modelsDir.resolve(".deleted-" + id);
		AtomicFiles.move(dir, doomed);
		try {
			FileSystemUtils.deleteRecursively(doomed);
		}
		catch (IOException ex) {
			log.warn("Model {} is deleted, but not all of its files yet: {}", id, ex.toString());
		}
	}

	@Override
	public Optional<String> readActiveId() {
		Path file = root.resolve(ACTIVE_FILE);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			ActivePointer pointer = json.readValue(file.toFile(), ActivePointer.class);
			return Optional.ofNullable(pointer.modelId());
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring unreadable {}: {}", file, ex.getMessage());
			return Optional.empty();
		}
	}

	@Override
	public void writeActiveId(String id) throws IOException {
		AtomicFiles.write(root.resolve(ACTIVE_FILE), temp -> json.writeValue(temp.toFile(), new ActivePointer(id)));
	}

	record ActivePointer(String modelId) {
	}

}

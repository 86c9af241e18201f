package io.digits.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.digits.shared.StoreProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The file store: the contract, and what only files leave behind (interrupted writes). */
class FileModelStoreTests extends ModelStoreContract {

	@TempDir
	Path storeDir;

	/** A crash or a full disk mid-write leaves temporary files and hidden model directories; none survives a start. */
	@Test
	void whatInterruptedWritesLeftIsDeletedAtStart() throws Exception {
		Path models = Files.createDirectories(storeDir.resolve("models"));
		Files.createFile(storeDir.resolve("active-model.json.tmp"));
		Files.writeString(storeDir.resolve("active-model.json"), "{\"modelId\": \"model-0123456789ab\"}");
		Files.createDirectories(models.resolve(".incoming-model-0123456789ab")).resolve("model.zip").toFile().createNewFile();
		Files.createDirectories(models.resolve(".deleted-model-ba9876543210"));

		new FileModelStore(new StoreProperties(storeDir, 4, DataSize.ofMegabytes(128)), JsonMapper.builder().build());

		assertThat(storeDir.resolve("active-model.json.tmp")).doesNotExist();
		assertThat(storeDir.resolve("active-model.json")).exists();
		assertThat(models).isEmptyDirectory();
	}

	/** A model stored before its training images were kept reads with them null. */
	@Test
	void aModelStoredBeforeItsTrainingImagesWereKeptStillReads() throws Exception {
		reopen().save(network(1), MODEL, Instant.parse("2026-11-29T21:00:00Z"), report());
		Path file = storeDir.resolve("models").resolve(MODEL).resolve("model.json");
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode stored = (ObjectNode) json.readTree(file.toFile());
		stored.remove(List.of("trainingImages", "capturesAdded", "captureIds"));
		json.writeValue(file.toFile(), stored);

		ModelMetadata read = reopen().readAll().get(0).metadata();

		assertThat(read.id()).isEqualTo(MODEL);
		assertThat(read.trainingImages()).isNull();
		assertThat(read.capturesAdded()).isNull();
		assertThat(read.captureIds()).isNull();
	}

	@Override
	ModelStore reopen() {
		return new FileModelStore(new StoreProperties(storeDir, 4, DataSize.ofMegabytes(128)), JsonMapper.builder().build());
	}

	@Override
	void corrupt(String id) throws Exception {
		Path file = storeDir.resolve("models").resolve(id).resolve("model.zip");
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x5a;
		Files.write(file, bytes);
	}

}

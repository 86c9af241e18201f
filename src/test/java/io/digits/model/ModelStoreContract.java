package io.digits.model;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every {@link ModelStore} does, whichever mode holds it: run once on files ({@link FileModelStoreTests}) and
 * once on PostgreSQL ({@link JdbcModelStoreTests}). {@link #reopen()} is a restart over what was written before.
 */
abstract class ModelStoreContract {

	static final String MODEL = "model-0123456789ab";

	abstract ModelStore reopen();

	/** Damages the stored model file's bytes (one byte changed, size kept), as a bad disk or a stray write would. */
	abstract void corrupt(String id) throws Exception;

	@Test
	void aSavedModelIsReadBackAfterARestartUsableWithItsNetworkAndFile() throws Exception {
		MultiLayerNetwork network = network(7);
		ModelMetadata saved = reopen().save(network, MODEL, Instant.parse("2026-11-29T21:00:00Z"), report());

		ModelStore reopened = reopen();
		ModelStore.Found found = reopened.readAll().get(0);
		assertThat(found.problem()).isNull();
		assertThat(found.metadata()).usingRecursiveComparison().isEqualTo(saved);
		assertThat(saved.parameters()).isEqualTo(network.numParams());
		assertThat(reopened.load(MODEL).params()).isEqualTo(network.params());
		try (InputStream file = reopened.file(MODEL).getInputStream()) {
			byte[] bytes = file.readAllBytes();
			assertThat(bytes).hasSize((int) saved.fileBytes());
			assertThat(DigestUtils.sha256Hex(bytes)).isEqualTo(saved.sha256());
		}
	}

	@Test
	void theActiveModelIsNoneThenTheLastOneWritten() throws Exception {
		ModelStore store = reopen();
		assertThat(store.readActiveId()).isEmpty();
		store.save(network(1), MODEL, Instant.parse("2026-11-29T21:00:00Z"), report());
		store.save(network(2), "model-ba9876543210", Instant.parse("2026-11-29T21:00:01Z"), report());

		store.writeActiveId(MODEL);
		store.writeActiveId("model-ba9876543210");

		assertThat(reopen().readActiveId()).contains("model-ba9876543210");
	}

	@Test
	void aDeletedModelIsNoLongerListedOrLoadable() throws Exception {
		ModelStore store = reopen();
		store.save(network(1), MODEL, Instant.parse("2026-11-29T21:00:00Z"), report());
		store.save(network(2), "model-ba9876543210", Instant.parse("2026-11-29T21:00:01Z"), report());

		store.delete(MODEL);

		ModelStore reopened = reopen();
		assertThat(reopened.readAll()).extracting(found -> found.metadata().id()).containsExactly("model-ba9876543210");
		assertThat(catchThrowable(() -> reopened.load(MODEL))).isNotNull();
	}

	/** A damaged file makes its model unusable, said so, while the others stay usable. */
	@Test
	void aModelWhoseBytesChangedIsFoundUnusable() throws Exception {
		ModelStore store = reopen();
		store.save(network(1), MODEL, Instant.parse("2026-11-29T21:00:00Z"), report());
		store.save(network(2), "model-ba9876543210", Instant.parse("2026-11-29T21:00:01Z"), report());

		corrupt(MODEL);

		List<ModelStore.Found> found = reopen().readAll();
		assertThat(found).filteredOn(model -> model.metadata().id().equals(MODEL))
			.singleElement()
			.satisfies(model -> assertThat(model.problem()).contains("corrupted"));
		assertThat(found).filteredOn(model -> model.problem() == null).hasSize(1);
	}

	static MultiLayerNetwork network(long seed) {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
			.list()
			.layer(new DenseLayer.Builder().nIn(784).nOut(8).activation(Activation.RELU).build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8)
				.nOut(10)
				.activation(Activation.SOFTMAX)
				.build())
			.build());
		network.init();
		return network;
	}

	static TrainingReport report() {
		int[][] confusion = new int[10][10];
		confusion[7][7] = 12;
		confusion[7][1] = 1;
		return new TrainingReport("job-0123456789ab", "mnist", Map.of("epochs", 2, "learningRate", 0.001), 0.9213, 0.2741,
				List.of(new ClassMetrics(7, 0.97, 0.92, 13)), confusion,
				new ReferenceProfile(new ReferenceProfile.Range(26.2, 238.8), new ReferenceProfile.Range(3, 20),
						new ReferenceProfile.Range(11, 20), 9.71, List.of(61.8, 74.5, 84.3, 93.1, 101.4, 109.8, 119.1, 131.7, 148.5),
						List.of(0.0, 0.0, 0.0003, 0.0022, 0.0075, 0.0152, 0.0168, 0.0218, 0.0371, 0.8991),
						List.of(0.098, 0.1168, 0.0985, 0.1025, 0.1017, 0.0952, 0.0919, 0.1012, 0.096, 0.0982)),
				1002, 2, List.of("capture-00000000000a", "capture-00000000000b"));
	}

}

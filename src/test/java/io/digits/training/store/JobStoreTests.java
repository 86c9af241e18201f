package io.digits.training.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.digits.data.DatasetName;
import io.digits.shared.StoreProperties;
import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.TrainingRun;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.WeightInitScheme;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JobStoreTests {

	private static final String JOB = "job-0123456789ab";

	@TempDir
	Path storeDir;

	@Test
	void aCrashBetweenACheckpointsNetworkAndItsRecordLeavesThePreviousCheckpointWhole() throws Exception {
		JobStore store = new JobStore(new StoreProperties(storeDir, 4), JsonMapper.builder().build());
		MultiLayerNetwork afterEpochOne = NetworkFactory.create(hyperparameters(1));
		MultiLayerNetwork afterEpochTwo = NetworkFactory.create(hyperparameters(2));
		store.saveCheckpoint(JOB, afterEpochOne, new Checkpoint(1, 0, 100));

		// the next checkpoint's network is written, then the service dies before its record
		store.saveCheckpointNetwork(JOB, afterEpochTwo, new Checkpoint(2, 0, 200));

		TrainingRun.Resumable restored = store.loadCheckpoint(JOB).orElseThrow();
		assertThat(restored.checkpoint()).isEqualTo(new Checkpoint(1, 0, 100));
		assertThat(restored.network().params()).isEqualTo(afterEpochOne.params());
		assertThat(restored.network().params()).isNotEqualTo(afterEpochTwo.params());
	}

	@Test
	void aWholeCheckpointReplacesThePreviousOneAndIsRemovedWithItsNetwork() throws Exception {
		JobStore store = new JobStore(new StoreProperties(storeDir, 4), JsonMapper.builder().build());
		MultiLayerNetwork afterEpochTwo = NetworkFactory.create(hyperparameters(2));
		store.saveCheckpoint(JOB, NetworkFactory.create(hyperparameters(1)), new Checkpoint(1, 0, 100));
		store.saveCheckpoint(JOB, afterEpochTwo, new Checkpoint(2, 3, 230));

		TrainingRun.Resumable restored = store.loadCheckpoint(JOB).orElseThrow();
		assertThat(restored.checkpoint()).isEqualTo(new Checkpoint(2, 3, 230));
		assertThat(restored.network().params()).isEqualTo(afterEpochTwo.params());
		assertThat(checkpointFiles()).containsExactlyInAnyOrder("checkpoint.json", "checkpoint-2-3.zip");

		store.deleteCheckpoint(JOB);
		assertThat(store.hasCheckpoint(JOB)).isFalse();
		assertThat(checkpointFiles()).isEmpty();
	}

	private List<String> checkpointFiles() throws Exception {
		try (Stream<Path> files = Files.list(storeDir.resolve("jobs").resolve(JOB))) {
			return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("checkpoint")).toList();
		}
	}

	private static Hyperparameters hyperparameters(long seed) {
		return new Hyperparameters(DatasetName.MNIST, List.of(16), Activation.RELU, Optimizer.ADAM, 1e-3,
				LearningRateSchedule.CONSTANT, 0.9, 128, 2, 0, 0, 0, WeightInitScheme.RELU, seed, 1000, null, null);
	}

}

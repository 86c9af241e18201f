package io.digits.training.fused;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model file written after fused steps goes on in DL4J, and one written by DL4J goes on in the fused step, as if
 * one engine had trained throughout: the parameters, Adam's [m | v] state and the iteration count (which drives the
 * cosine rate and Adam's bias correction) all travel in DL4J's own format.
 */
class FusedCheckpointTests {

	private static final Hyperparameters RECOMMENDED = FusedDenseStepTests.h(List.of(128, 64), Activation.RELU,
			Optimizer.ADAM, 2e-3, true, 64, 0, 0);

	private static final int HALF = 15;

	@Test
	void aCheckpointResumesOnTheOtherEngineAsIfNothingHadChanged() throws IOException {
		MultiLayerNetwork reference = NetworkFactory.create(RECOMMENDED);
		float[] initial = Agreement.values(reference.params());
		trainWithDl4j(reference, 0, 2 * HALF);

		MultiLayerNetwork fusedFirst = NetworkFactory.create(RECOMMENDED);
		fusedFirst.setParams(reference(initial));
		trainFused(fusedFirst, 0, HALF);
		MultiLayerNetwork thenDl4j = reload(fusedFirst, true);
		trainWithDl4j(thenDl4j, HALF, 2 * HALF);

		MultiLayerNetwork dl4jFirst = NetworkFactory.create(RECOMMENDED);
		dl4jFirst.setParams(reference(initial));
		trainWithDl4j(dl4jFirst, 0, HALF);
		MultiLayerNetwork thenFused = reload(dl4jFirst, true);
		trainFused(thenFused, HALF, 2 * HALF);

		// without its updater state the same resumption is visibly another run: the comparison has teeth
		MultiLayerNetwork forgetful = NetworkFactory.create(RECOMMENDED);
		forgetful.setParams(reference(initial));
		trainFused(forgetful, 0, HALF);
		MultiLayerNetwork restarted = reload(forgetful, false);
		trainWithDl4j(restarted, HALF, 2 * HALF);

		float[] expected = Agreement.values(reference.params());
		Agreement fusedThenDl4j = Agreement.of(expected, Agreement.values(thenDl4j.params()), 0);
		Agreement dl4jThenFused = Agreement.of(expected, Agreement.values(thenFused.params()), 0);
		Agreement withoutState = Agreement.of(expected, Agreement.values(restarted.params()), 0);
		System.out.printf("[checkpoint] fused then DL4J: %s%n  DL4J then fused: %s%n  without updater state: %s%n",
				fusedThenDl4j, dl4jThenFused, withoutState);

		assertThat(thenDl4j.getIterationCount()).isEqualTo(thenFused.getIterationCount()).isEqualTo(2 * HALF);
		assertThat(fusedThenDl4j.worstOfLargest()).isLessThan(1e-4);
		assertThat(dl4jThenFused.worstOfLargest()).isLessThan(1e-4);
		assertThat(withoutState.worstOfLargest()).isGreaterThan(100 * fusedThenDl4j.worstOfLargest());
	}

	private static org.nd4j.linalg.api.ndarray.INDArray reference(float[] values) {
		return org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(1, values.length);
	}

	private static void trainWithDl4j(MultiLayerNetwork network, int from, int to) {
		for (int i = from; i < to; i++) {
			network.fit(MnistBatches.batch(i, RECOMMENDED.batchSize()));
		}
	}

	private static void trainFused(MultiLayerNetwork network, int from, int to) {
		try (FusedDenseStep step = new FusedDenseStep(network, RECOMMENDED.batchSize())) {
			for (int i = from; i < to; i++) {
				DataSet batch = MnistBatches.batch(i, RECOMMENDED.batchSize());
				step.step(batch.getFeatures(), batch.getLabels());
			}
		}
	}

	private static MultiLayerNetwork reload(MultiLayerNetwork network, boolean withUpdater) throws IOException {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		ModelSerializer.writeModel(network, file, withUpdater);
		return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(file.toByteArray()), withUpdater);
	}

}

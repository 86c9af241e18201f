package io.digits.training.settings;

import java.util.List;

import io.digits.data.DatasetName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a job's hyperparameters imply: updates per epoch, total updates, the size of the network. */
class HyperparametersTests {

	@Test
	void theLastSmallerBatchCountsAsOneUpdate() {
		Hyperparameters h = job(List.of(128, 64), 128, 10, 60_000);

		// 60,000 / 128 = 468.75: 468 full batches and one of 96
		assertThat(h.iterationsPerEpoch()).isEqualTo(469);
		assertThat(h.totalIterations()).isEqualTo(4690);
	}

	@Test
	void fullBatchTrainingIsOneUpdatePerEpoch() {
		Hyperparameters question = job(List.of(128, 64), 60_000, 10, 60_000);

		assertThat(question.iterationsPerEpoch()).isEqualTo(1);
		assertThat(question.totalIterations()).isEqualTo(10);
	}

	@Test
	void theSeedNetworkHasTheParametersOf784x128x64x10() {
		assertThat(job(List.of(128, 64), 128, 1, 60_000).parameterCount())
			.isEqualTo(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
		assertThat(job(List.of(800), 128, 1, 60_000).parameterCount()).isEqualTo(784 * 800 + 800 + 800 * 10 + 10);
	}

	@Test
	void anOmittedScheduleOutputAndLossTakeTheirDefaults() {
		Hyperparameters h = job(List.of(16), 32, 1, 1000);

		assertThat(h.learningRateSchedule()).isEqualTo(LearningRateSchedule.CONSTANT);
		assertThat(h.outputActivation()).isEqualTo(OutputActivation.SOFTMAX);
		assertThat(h.loss()).isEqualTo(Loss.CROSS_ENTROPY);
	}

	private static Hyperparameters job(List<Integer> hiddenLayers, int batchSize, int epochs, int trainLimit) {
		return new Hyperparameters(DatasetName.MNIST, hiddenLayers, Activation.RELU, Optimizer.SGD, 0.01, null, 0.9,
				batchSize, epochs, 0, 0, 0, WeightInitScheme.RELU, 42, trainLimit, null, null);
	}

}

package io.digits.training.settings;

import java.time.Duration;
import java.util.List;

import io.digits.data.DatasetName;
import io.digits.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds on one job's work, each refusal naming its field and its limit. */
class TrainingBudgetTests {

	private static final TrainingProperties LIMITS = new TrainingProperties(1, 16, 10_000_000, 200_000_000, 500, 1,
			Duration.ofSeconds(30), new TrainingProperties.Stream(20, Duration.ofSeconds(15), 1024, 256, 100_000,
					100_000));

	@Test
	void theSeedNetworkOnAllOfMnistFitsTheDefaultBudget() {
		assertThatCode(() -> TrainingBudget.check(job(List.of(128, 64), 128, 10, 60_000), LIMITS)).doesNotThrowAnyException();
	}

	@Test
	void aBatchLargerThanTheTrainingSamplesIsRefusedOnBatchSize() {
		assertThatThrownBy(() -> TrainingBudget.check(job(List.of(128, 64), 128, 1, 100), LIMITS))
			.isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("1..100")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("batchSize");
	}

	@Test
	void aNetworkOverTheParameterLimitIsRefusedOnHiddenLayers() {
		// 784*4096 + 4096*4096 + 4096*4096 + 4096*10 weights: about 36.8M
		assertThatThrownBy(() -> TrainingBudget.check(job(List.of(4096, 4096, 4096), 128, 1, 60_000), LIMITS))
			.hasMessageContaining("the limit is 10,000,000")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("hiddenLayers");
	}

	@Test
	void theParameterLimitIsInclusive() {
		Hyperparameters seed = job(List.of(128, 64), 128, 1, 60_000);
		TrainingProperties exact = new TrainingProperties(1, 16, seed.parameterCount(), 200_000_000, 500, 1,
				Duration.ofSeconds(30), LIMITS.stream());

		assertThatCode(() -> TrainingBudget.check(seed, exact)).doesNotThrowAnyException();
	}

	@Test
	void tooManySamplesInAllIsRefusedOnEpochs() {
		// 3334 x 60,000 = 200,040,000 > 200,000,000; 3333 epochs fit
		assertThatThrownBy(() -> TrainingBudget.check(job(List.of(128, 64), 60_000, 3334, 60_000), LIMITS))
			.hasMessageContaining("3334 x 60000")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("epochs");
		assertThatCode(() -> TrainingBudget.check(job(List.of(128, 64), 60_000, 3333, 60_000), LIMITS))
			.doesNotThrowAnyException();
	}

	private static Hyperparameters job(List<Integer> hiddenLayers, int batchSize, int epochs, int trainLimit) {
		return new Hyperparameters(DatasetName.MNIST, hiddenLayers, Activation.RELU, Optimizer.ADAM, 1e-3,
				LearningRateSchedule.CONSTANT, 0.9, batchSize, epochs, 0, 0, 0, WeightInitScheme.RELU, 42, trainLimit,
				null, null);
	}

}

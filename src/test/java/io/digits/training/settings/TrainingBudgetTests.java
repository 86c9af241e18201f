package io.digits.training.settings;

import java.time.Duration;
import java.util.List;

import io.digits.data.DatasetName;
import io.digits.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds on one job's work, each refusal naming its field and its limit. */
class TrainingBudgetTests {

	private static final TrainingProperties LIMITS = limits(10_000_000, null, Duration.ofHours(2));

	/** jvm.options' {@code -Dorg.bytedeco.javacpp.maxbytes=2G}: the default memory limit is half of it. */
	private static final long JVM_OPTIONS_MAX_BYTES = DataSize.ofGigabytes(2).toBytes();

	private static final long DEFAULT_MEMORY_LIMIT = TrainingBudget.memoryLimit(LIMITS, JVM_OPTIONS_MAX_BYTES);

	@Test
	void theSeedNetworkOnAllOfMnistFitsTheDefaultBudget() {
		assertThatCode(() -> check(job(List.of(128, 64), 128, 10, 60_000))).doesNotThrowAnyException();
	}

	@Test
	void aBatchLargerThanTheTrainingSamplesIsRefusedOnBatchSize() {
		assertThatThrownBy(() -> check(job(List.of(128, 64), 128, 1, 100)))
			.isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("1..100")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("batchSize");
	}

	@Test
	void aNetworkOverTheParameterLimitIsRefusedOnHiddenLayers() {
		// 784*4096 + 4096*4096 + 4096*4096 + 4096*10 weights: about 36.8M
		assertThatThrownBy(() -> check(job(List.of(4096, 4096, 4096), 128, 1, 60_000)))
			.hasMessageContaining("the limit is 10,000,000")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("hiddenLayers");
	}

	@Test
	void theParameterLimitIsInclusive() {
		Hyperparameters seed = job(List.of(128, 64), 128, 1, 60_000);
		TrainingProperties exact = limits(seed.parameterCount(), null, Duration.ofHours(2));

		assertThatCode(() -> TrainingBudget.check(seed, exact, DEFAULT_MEMORY_LIMIT)).doesNotThrowAnyException();
	}

	@Test
	void tooManySamplesInAllIsRefusedOnEpochs() {
		// 3334 x 60,000 = 200,040,000 > 200,000,000
		assertThatThrownBy(() -> check(job(List.of(128, 64), 60_000, 3334, 60_000)))
			.hasMessageContaining("3334 x 60000")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("epochs");
	}

	@Test
	void theSeedNetworkAtBatch128NeedsAKnownNumberOfBytes() {
		// 109,386 parameters x 4 copies (weights, gradients, Adam's two moments) = 437,544 floats
		// + the evaluation: 2000 rows x (784 inputs + 128 + 64 + 10 units) = 1,972,000 floats
		// + per row: 784 inputs + 10 labels + 2 x 202 units (activations and their gradients) = 1198 floats, x 128
		long floats = 109_386L * 4 + 2000L * (784 + 202) + 128L * (784 + 10 + 2 * 202);

		assertThat(JobMemory.of(job(List.of(128, 64), 128, 10, 60_000)).bytes()).isEqualTo(4 * floats)
			.isEqualTo(10_251_552);
	}

	@Test
	void plainSgdKeepsNoUpdaterState() {
		Hyperparameters adam = job(List.of(128, 64), 128, 10, 60_000);
		Hyperparameters sgd = new Hyperparameters(DatasetName.MNIST, List.of(128, 64), Activation.RELU, Optimizer.SGD,
				0.01, LearningRateSchedule.CONSTANT, 0.9, 128, 10, 0, 0, 0, WeightInitScheme.RELU, 42, 60_000, null, null);

		assertThat(JobMemory.of(adam).bytes() - JobMemory.of(sgd).bytes()).isEqualTo(2 * 4 * 109_386L);
	}

	@Test
	void theFullBatchJobThatBrokeTheServiceIsRefusedOnBatchSizeWithItsEstimateAndTheLimit() {
		// 9,786,570 parameters, inside the parameter limit; full batches of 60,000 rows need about 3 GB
		Hyperparameters job = job(List.of(4096, 1600), 60_000, 1, 60_000);
		assertThat(job.parameterCount()).isLessThan(LIMITS.maxParameters());
		long estimate = JobMemory.of(job).bytes();
		assertThat(estimate).isBetween(DataSize.ofMegabytes(2900).toBytes(), DataSize.ofMegabytes(3300).toBytes());
		long largestBatch = JobMemory.of(job).largestBatchWithin(DEFAULT_MEMORY_LIMIT);

		assertThatThrownBy(() -> check(job)).isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("%,d MB".formatted((estimate + (1 << 20) - 1) >> 20))
			.hasMessageContaining("the limit is 1,024 MB")
			.hasMessageContaining("batchSize up to " + largestBatch)
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("batchSize");
		// the suggestion fits
		assertThatCode(() -> check(job(List.of(4096, 1600), (int) largestBatch, 1, 60_000))).doesNotThrowAnyException();
	}

	@Test
	void theDefaultMemoryLimitIsHalfOfJavaCppsMaxBytesSharedByConcurrentJobsUnlessSet() {
		assertThat(DEFAULT_MEMORY_LIMIT).isEqualTo(DataSize.ofGigabytes(1).toBytes());
		TrainingProperties set = limits(10_000_000, DataSize.ofGigabytes(4), Duration.ofHours(2));
		assertThat(TrainingBudget.memoryLimit(set, JVM_OPTIONS_MAX_BYTES)).isEqualTo(DataSize.ofGigabytes(4).toBytes());

		TrainingProperties twoAtOnce = new TrainingProperties(2, 16, 10_000_000, 200_000_000, null, Duration.ofHours(2),
				500, 1, Duration.ofSeconds(30), LIMITS.stream(), LIMITS.cluster(), true, 60_000);
		assertThat(TrainingBudget.memoryLimit(twoAtOnce, JVM_OPTIONS_MAX_BYTES)).isEqualTo(DataSize.ofMegabytes(512).toBytes());

		Hyperparameters fullBatch = job(List.of(4096, 1600), 60_000, 1, 60_000);
		assertThatCode(() -> TrainingBudget.check(fullBatch, set, TrainingBudget.memoryLimit(set, JVM_OPTIONS_MAX_BYTES)))
			.doesNotThrowAnyException();
	}

	@Test
	void aNetworkTooLargeForMemoryAtAnyBatchIsRefusedOnHiddenLayers() {
		TrainingProperties small = limits(10_000_000, DataSize.ofMegabytes(100), Duration.ofHours(2));

		assertThatThrownBy(() -> TrainingBudget.check(job(List.of(4096, 1600), 1, 1, 60_000), small,
				TrainingBudget.memoryLimit(small, JVM_OPTIONS_MAX_BYTES)))
			.hasMessageContaining("the limit is 100 MB")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("hiddenLayers");
	}

	/** The captures are read when the job starts: until then the budget counts them at their bound, 60,000 by default. */
	@Test
	void labelledCapturesAreCountedAtTheirBoundInSamplesMemoryAndTime() {
		Hyperparameters alone = job(List.of(128, 64), 60_000, 1700, 60_000);
		Hyperparameters withCaptures = withCaptures(alone);
		assertThatCode(() -> check(alone)).doesNotThrowAnyException();

		assertThatThrownBy(() -> check(withCaptures)).isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("1700 x 120000 (60000 of the dataset and up to 60000 labelled captures)")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("epochs");
		assertThat(TrainingBudget.trainingImagesAtMost(withCaptures, LIMITS)).isEqualTo(120_000);
		assertThat(TrainingBudget.trainingImagesAtMost(alone, LIMITS)).isEqualTo(60_000);
		assertThat(JobDuration.of(withCaptures(job(List.of(128, 64), 128, 10, 60_000)), 120_000).total())
			.isGreaterThan(JobDuration.of(job(List.of(128, 64), 128, 10, 60_000)).total().multipliedBy(19).dividedBy(10));
		// the job's own copy of its set: 120,000 rows of 784 pixels and 10 labels in float32
		assertThat(JobMemory.of(alone).withTrainingSetCopy(120_000).bytes() - JobMemory.of(alone).bytes())
			.isEqualTo(120_000L * 794 * 4);
		assertThatCode(() -> check(withCaptures(job(List.of(128, 64), 128, 10, 60_000)))).doesNotThrowAnyException();
	}

	private static Hyperparameters withCaptures(Hyperparameters h) {
		return new Hyperparameters(h.dataset(), h.hiddenLayers(), h.activation(), h.optimizer(), h.learningRate(),
				h.learningRateSchedule(), h.momentum(), h.batchSize(), h.epochs(), h.l2(), h.weightDecay(), h.dropout(),
				h.weightInit(), h.seed(), h.trainLimit(), h.outputActivation(), h.loss(), ExtraData.LABELLED_CAPTURES);
	}

	private static void check(Hyperparameters h) {
		TrainingBudget.check(h, LIMITS, DEFAULT_MEMORY_LIMIT);
	}

	static TrainingProperties limits(long maxParameters, DataSize maxJobMemory, Duration maxJobDuration) {
		return new TrainingProperties(1, 16, maxParameters, 200_000_000, maxJobMemory, maxJobDuration, 500, 1,
				Duration.ofSeconds(30), new TrainingProperties.Stream(20, Duration.ofSeconds(5), 1024, 256, 8,
						Duration.ofMinutes(10), 100_000, 100_000),
				new TrainingProperties.Cluster(Duration.ofSeconds(2), Duration.ofSeconds(2), 4, Duration.ofSeconds(2),
						Duration.ofSeconds(2)), true, 60_000);
	}

	static Hyperparameters job(List<Integer> hiddenLayers, int batchSize, int epochs, int trainLimit) {
		return new Hyperparameters(DatasetName.MNIST, hiddenLayers, Activation.RELU, Optimizer.ADAM, 1e-3,
				LearningRateSchedule.CONSTANT, 0.9, batchSize, epochs, 0, 0, 0, WeightInitScheme.RELU, 42, trainLimit,
				null, null);
	}

}

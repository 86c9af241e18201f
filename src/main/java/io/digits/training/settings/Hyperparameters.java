package io.digits.training.settings;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digits.data.DatasetName;

/**
 * A job's hyperparameters with every default filled in: what the model was actually trained with.
 *
 * @param trainLimit the number of the dataset's training samples used (the whole training set when none was asked
 *     for); extra data comes on top
 * @param extraData the images trained on beyond the dataset's; null for none (and in records of earlier releases), so
 *     that a job without them shows the hyperparameters it always did
 */
public record Hyperparameters(DatasetName dataset, List<Integer> hiddenLayers, Activation activation,
		Optimizer optimizer, double learningRate, LearningRateSchedule learningRateSchedule, double momentum,
		int batchSize, int epochs, double l2, double weightDecay, double dropout, WeightInitScheme weightInit, long seed,
		int trainLimit, OutputActivation outputActivation, Loss loss,
		@JsonInclude(JsonInclude.Include.NON_NULL) ExtraData extraData) {

	/** The seed network of the question Digits answers: 784-128-64-10. */
	public static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(128, 64);

	public static final long DEFAULT_SEED = 42;

	public static final int DEFAULT_BATCH_SIZE = 128, DEFAULT_EPOCHS = 10;

	public static final double DEFAULT_MOMENTUM = 0.9;

	public Hyperparameters {
		hiddenLayers = List.copyOf(hiddenLayers);
		learningRateSchedule = Objects.requireNonNullElse(learningRateSchedule, LearningRateSchedule.CONSTANT);
		outputActivation = Objects.requireNonNullElse(outputActivation, OutputActivation.SOFTMAX);
		loss = Objects.requireNonNullElse(loss, Loss.CROSS_ENTROPY);
		extraData = extraData == null || !extraData.labelledCaptures() ? null : extraData;
	}

	/** Without extra data: trained on the dataset's first {@code trainLimit} images alone. */
	public Hyperparameters(DatasetName dataset, List<Integer> hiddenLayers, Activation activation, Optimizer optimizer,
			double learningRate, LearningRateSchedule learningRateSchedule, double momentum, int batchSize, int epochs,
			double l2, double weightDecay, double dropout, WeightInitScheme weightInit, long seed, int trainLimit,
			OutputActivation outputActivation, Loss loss) {
		this(dataset, hiddenLayers, activation, optimizer, learningRate, learningRateSchedule, momentum, batchSize, epochs,
				l2, weightDecay, dropout, weightInit, seed, trainLimit, outputActivation, loss, null);
	}

	/** True when the job trains on the labelled captures too, read when it starts. */
	public boolean labelledCaptures() {
		return extraData != null && extraData.labelledCaptures();
	}

	/** Parameter updates per epoch on the dataset's images alone: the last, smaller batch counts as one. */
	public int iterationsPerEpoch() {
		return iterationsPerEpoch(trainLimit);
	}

	/** Parameter updates per epoch over {@code trainingImages}: the dataset's and the extra ones. */
	public int iterationsPerEpoch(int trainingImages) {
		return (trainingImages + batchSize - 1) / batchSize;
	}

	public long totalIterations() {
		return totalIterations(trainLimit);
	}

	public long totalIterations(int trainingImages) {
		return (long) iterationsPerEpoch(trainingImages) * epochs;
	}

	/** Weights and biases of the network these hyperparameters describe. */
	public long parameterCount() {
		long count = 0;
		int inputs = 28 * 28;
		for (int width : hiddenLayers) {
			count += (long) inputs * width + width;
			inputs = width;
		}
		return count + (long) inputs * 10 + 10;
	}

}

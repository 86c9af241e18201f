package io.digits.training.settings;

import java.util.List;
import java.util.Objects;

import io.digits.data.DatasetName;

/**
 * A job's hyperparameters with every default filled in: what the model was actually trained with.
 *
 * @param trainLimit the number of training samples used (the whole training set when none was asked for)
 */
public record Hyperparameters(DatasetName dataset, List<Integer> hiddenLayers, Activation activation,
		Optimizer optimizer, double learningRate, LearningRateSchedule learningRateSchedule, double momentum,
		int batchSize, int epochs, double l2, double weightDecay, double dropout, WeightInitScheme weightInit, long seed,
		int trainLimit, OutputActivation outputActivation, Loss loss) {

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
	}

	/** Parameter updates per epoch: the last, smaller batch counts as one. */
	public int iterationsPerEpoch() {
		return (trainLimit + batchSize - 1) / batchSize;
	}

	public long totalIterations() {
		return (long) iterationsPerEpoch() * epochs;
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

package io.digits.training;

import java.util.List;
import java.util.Objects;

import io.digits.data.DatasetName;
import io.digits.system.InvalidFieldException;

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

	public Hyperparameters {
		hiddenLayers = List.copyOf(hiddenLayers);
		learningRateSchedule = Objects.requireNonNullElse(learningRateSchedule, LearningRateSchedule.CONSTANT);
		outputActivation = Objects.requireNonNullElse(outputActivation, OutputActivation.SOFTMAX);
		loss = Objects.requireNonNullElse(loss, Loss.CROSS_ENTROPY);
	}

	/** Fills the request's gaps with the recommended defaults: ReLU, Adam 1e-3, batch 128, 10 epochs. */
	public static Hyperparameters resolve(JobRequest request, int trainingSetSize) {
		Optimizer optimizer = Objects.requireNonNullElse(request.optimizer(), Optimizer.ADAM);
		Activation activation = Objects.requireNonNullElse(request.activation(), Activation.RELU);
		int trainLimit = request.trainLimit() == null ? trainingSetSize : Math.min(request.trainLimit(), trainingSetSize);
		double l2 = Objects.requireNonNullElse(request.l2(), 0.0);
		double weightDecay = Objects.requireNonNullElse(request.weightDecay(), l2 > 0 ? 0.0 : optimizer.defaultWeightDecay());
		if (l2 > 0 && weightDecay > 0) {
			// DL4J keeps only the last of the two it is given
			throw new InvalidFieldException("l2", "l2 (%s) and weightDecay (%s) cannot be combined: use one of them"
				.formatted(l2, weightDecay));
		}
		return new Hyperparameters(Objects.requireNonNullElse(request.dataset(), DatasetName.MNIST),
				Objects.requireNonNullElse(request.hiddenLayers(), DEFAULT_HIDDEN_LAYERS), activation, optimizer,
				Objects.requireNonNullElse(request.learningRate(), optimizer.defaultLearningRate()),
				request.learningRateSchedule(),
				Objects.requireNonNullElse(request.momentum(), 0.9),
				Objects.requireNonNullElse(request.batchSize(), 128), Objects.requireNonNullElse(request.epochs(), 10),
				l2, weightDecay,
				Objects.requireNonNullElse(request.dropout(), 0.0),
				Objects.requireNonNullElse(request.weightInit(), activation.suitedInit()),
				Objects.requireNonNullElse(request.seed(), DEFAULT_SEED), trainLimit, request.outputActivation(),
				request.loss());
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

package io.digits.training.settings;

/**
 * A job's peak off-heap need while it trains, estimated from its hyperparameters before it is accepted. DL4J's
 * {@code MultiLayerNetwork} with workspaces holds, all at once and in float32: the parameters, their gradients and the
 * updater's state; for each layer the activations of a batch and their gradients; the input batch itself; and, kept
 * beside the training workspaces, the forward pass of the test-set evaluation in batches of 2000. The estimate counts
 * exactly these, so it is a floor: workspaces round up, and native libraries and the datasets come on top (which is why
 * the limit it is held to leaves room, see {@link TrainingBudget#memoryLimit}).
 *
 * @param fixedBytes what does not depend on the batch size: parameters, gradients, updater state, evaluation
 * @param bytesPerBatchRow what each row of a batch adds: its input and label, every layer's activation and gradient
 * @param batchSize the rows of one batch
 */
public record JobMemory(long fixedBytes, long bytesPerBatchRow, int batchSize) {

	static final int FLOAT_BYTES = 4;

	/** The rows TestSetEvaluation forwards at once. */
	static final int EVALUATION_BATCH = 2000;

	static final int INPUTS = 28 * 28, CLASSES = 10;

	public static JobMemory of(Hyperparameters h) {
		long parameters = h.parameterCount();
		long parameterCopies = 2 + updaterCopies(h.optimizer());
		long units = 0;
		for (int width : h.hiddenLayers()) {
			units += width;
		}
		units += CLASSES;
		long evaluation = (long) EVALUATION_BATCH * (INPUTS + units);
		long perRow = INPUTS + CLASSES + 2 * units;
		return new JobMemory(FLOAT_BYTES * (parameters * parameterCopies + evaluation), FLOAT_BYTES * perRow,
				h.batchSize());
	}

	/**
	 * The same, with a training set of the job's own: {@code images} rows of pixels and one-hot labels, copied when
	 * extra images come on top of the shared dataset's.
	 */
	public JobMemory withTrainingSetCopy(int images) {
		return new JobMemory(fixedBytes + (long) FLOAT_BYTES * images * (INPUTS + CLASSES), bytesPerBatchRow, batchSize);
	}

	public long bytes() {
		return fixedBytes + bytesPerBatchRow * batchSize;
	}

	/** The largest batch that fits in {@code limit} bytes; 0 when not even one row does. */
	public long largestBatchWithin(long limit) {
		return Math.max(0, (limit - fixedBytes) / bytesPerBatchRow);
	}

	/** True when the batch, rather than the network, takes most of the memory: then batchSize is what to change. */
	public boolean batchDominates() {
		return bytesPerBatchRow * batchSize > fixedBytes;
	}

	/** Arrays of the network's size each optimizer keeps between updates (Adam: first and second moments). */
	private static int updaterCopies(Optimizer optimizer) {
		return switch (optimizer) {
			case SGD -> 0;
			case MOMENTUM, NESTEROV, RMSPROP, ADAGRAD -> 1;
			case ADAM, ADAMW -> 2;
		};
	}

}

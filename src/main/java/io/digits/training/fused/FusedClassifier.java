package io.digits.training.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of a fused step's network over a whole test set, in blocks of {@link #ROWS} rows read in place
 * from the set's own memory: what the evaluation after each epoch needs (each sample's predicted class and the
 * probability of its true class) in about 60% of the time DL4J's {@code output} takes (0.03 s against 0.05 s for
 * 10,000 digits: issue 15, docs/performance.md). The same numbers as that output to float32 rounding: the same
 * products, bias, activations and softmax as the training step's forward pass, which FusedDenseStepTests holds equal
 * to DL4J's.
 */
public final class FusedClassifier implements AutoCloseable {

	/** Rows per forward pass: enough to make the products efficient, few enough to keep the activations small. */
	static final int ROWS = 500;

	private final FusedDenseStep step;

	private final DensePasses passes;

	private final BorrowedArea features = new BorrowedArea("the test set's features");

	/** Uses the step's network (its parameters, read, never written) while the step is open. */
	public FusedClassifier(FusedDenseStep step) {
		this.step = step;
		this.passes = step.forwardPasses(ROWS);
	}

	/**
	 * Classifies every row of {@code allFeatures} ([n, inputs], float32, dense): {@code predicted[i]} the most probable
	 * class of row i, {@code actualProbability[i]} the probability it gives class {@code actual[i]}.
	 */
	public void classify(INDArray allFeatures, byte[] actual, int[] predicted, float[] actualProbability) {
		FloatArea area = borrow(allFeatures);
		int inputs = step.inputs(), count = actual.length;
		if (allFeatures.size(0) != count || predicted.length < count || actualProbability.length < count) {
			throw new IllegalArgumentException("%d rows of features for %d labels".formatted(allFeatures.size(0),
					count));
		}
		for (byte label : actual) {
			if (label < 0 || label >= step.classes()) {
				throw new IllegalArgumentException("a label of class %d of %d".formatted(label, step.classes()));
			}
		}
		for (int from = 0; from < count; from += ROWS) {
			int rows = Math.min(ROWS, count - from);
			passes.classify(area.slice((long) from * inputs, (long) rows * inputs), rows, step.parameterBuffer(),
					actual, from, predicted, actualProbability);
		}
	}

	private FloatArea borrow(INDArray allFeatures) {
		step.requireUsable();
		if (allFeatures == null || allFeatures.rank() != 2 || allFeatures.size(1) != step.inputs()) {
			throw new IllegalArgumentException("features of [n, %d]".formatted(step.inputs()));
		}
		return features.of(allFeatures);
	}

	@Override
	public void close() {
		passes.close();
		features.clear();
	}

}

package io.digits.training.network;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy that applies softmax to the layer's output itself, as PyTorch's {@code CrossEntropyLoss} does: meant
 * for an identity output. With a softmax output it applies softmax twice, the mistake of the question Digits answers;
 * it is offered so that mistake can be replayed, and the diagnosis flags it.
 */
public class SoftmaxCrossEntropyLoss implements ILossFunction {

	/** Keeps log(0) finite, as DL4J's own MCXENT does. */
	private static final double MIN_PROBABILITY = 1e-10;

	@Override
	public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
			boolean average) {
		double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
		return average ? sum / labels.size(0) : sum;
	}

	@Override
	public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
		INDArray probabilities = Transforms.softmax(activationFn.getActivation(preOutput.dup(), true), false);
		INDArray log = Transforms.log(Transforms.max(probabilities, MIN_PROBABILITY, false), false);
		return log.muli(labels).sum(1).negi();
	}

	@Override
	public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
		INDArray probabilities = Transforms.softmax(activationFn.getActivation(preOutput.dup(), true), false);
		// d(loss)/d(output) = softmax(output) - labels, then back through the layer's own activation
		return activationFn.backprop(preOutput.dup(), probabilities.subi(labels)).getFirst();
	}

	@Override
	public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
			INDArray mask, boolean average) {
		return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
				computeGradient(labels, preOutput, activationFn, mask));
	}

	@Override
	public String name() {
		return "softmax-cross-entropy";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SoftmaxCrossEntropyLoss;
	}

	@Override
	public int hashCode() {
		return SoftmaxCrossEntropyLoss.class.hashCode();
	}

	@Override
	public String toString() {
		return name();
	}

}

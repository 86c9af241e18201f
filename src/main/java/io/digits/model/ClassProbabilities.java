package io.digits.model;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ten class probabilities a network gives: its output when that is a softmax, else the softmax of its output
 * (raw scores from an identity output, as with PyTorch's CrossEntropyLoss).
 */
public final class ClassProbabilities {

	private ClassProbabilities() {
	}

	public static INDArray of(MultiLayerNetwork network, INDArray input) {
		INDArray output = network.output(input, false);
		return outputsProbabilities(network) ? output : Transforms.softmax(output, false);
	}

	/** The likeliest class: the index of the largest value (the first, on a tie). */
	public static int likeliest(float[] values) {
		return likeliest(values, 0, values.length);
	}

	/** The likeliest class of each row. */
	public static int[] likeliestOfEach(float[][] rows) {
		int[] classes = new int[rows.length];
		for (int i = 0; i < rows.length; i++) {
			classes[i] = likeliest(rows[i]);
		}
		return classes;
	}

	/** The likeliest class among {@code length} values from {@code offset} (a row of a flat matrix). */
	public static int likeliest(float[] values, int offset, int length) {
		int best = 0;
		for (int i = 1; i < length; i++) {
			best = values[offset + i] > values[offset + best] ? i : best;
		}
		return best;
	}

	private static boolean outputsProbabilities(MultiLayerNetwork network) {
		return network.getOutputLayer().conf().getLayer() instanceof BaseLayer layer
				&& layer.getActivationFn() instanceof ActivationSoftmax;
	}

}

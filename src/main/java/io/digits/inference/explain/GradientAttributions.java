package io.digits.inference.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Attributions of a class score to the input pixels, from DL4J's own backpropagation: the network's loss for the
 * class as its label, differentiated down to the input ({@code calculateGradients}). For a softmax output with
 * cross-entropy (every preset, and every network the fused step trains) that loss is -log p(digit), so the score
 * explained is the log-probability of the digit. Must run on the thread that serves the network (its inference
 * thread): DL4J networks are not thread-safe.
 */
public final class GradientAttributions {

	static final int PIXELS = 784, CLASSES = 10;

	private GradientAttributions() {
	}

	/** Whether the network's score has the meaning above: a softmax output trained with cross-entropy. */
	public static boolean explainable(MultiLayerNetwork network) {
		return network.getOutputLayer().conf().getLayer() instanceof BaseOutputLayer output
				&& output.getActivationFn() instanceof ActivationSoftmax && output.getLossFn() instanceof LossMCXENT;
	}

	/** The score's gradient at each input (rows of 784 values), for one digit: d log p(digit) / d pixel. */
	static float[][] gradients(MultiLayerNetwork network, float[][] inputs, int digit) {
		int[] digits = new int[inputs.length];
		Arrays.fill(digits, digit);
		return gradients(network, inputs, digits);
	}

	/** The score's gradient at each input for its own digit, in one backward pass. */
	static float[][] gradients(MultiLayerNetwork network, float[][] inputs, int[] digits) {
		INDArray features = Nd4j.createFromArray(inputs);
		float[][] oneHot = new float[inputs.length][CLASSES];
		for (int i = 0; i < inputs.length; i++) {
			oneHot[i][digits[i]] = 1;
		}
		INDArray labels = Nd4j.createFromArray(oneHot);
		// the input's gradient of the loss, per example (DL4J divides by the batch only in its updater): minus ours
		INDArray lossGradient = network.calculateGradients(features, labels, null, null).getSecond();
		return lossGradient.neg().toFloatMatrix();
	}

	/** log p(digit) of each input. */
	static double[] scores(MultiLayerNetwork network, float[][] inputs, int digit) {
		INDArray probabilities = network.output(Nd4j.createFromArray(inputs), false);
		double[] scores = new double[inputs.length];
		for (int i = 0; i < inputs.length; i++) {
			scores[i] = logOf(probabilities.getDouble(i, digit));
		}
		return scores;
	}

	/** The gradient at the input itself (Simonyan et al., 2014): how much each pixel moves the score, locally. */
	public static Attribution saliency(MultiLayerNetwork network, float[] input, int digit) {
		return saliency(network, new float[][] { input }, new int[] { digit }).get(0);
	}

	/** Saliency of several inputs, each for its own digit, in one backward pass. */
	public static List<Attribution> saliency(MultiLayerNetwork network, float[][] inputs, int[] digits) {
		return Arrays.stream(gradients(network, inputs, digits))
			.map(gradient -> new Attribution("saliency", gradient, null))
			.toList();
	}

	/**
	 * Integrated gradients (Sundararajan et al., 2017) from a black image, MNIST's background: the pixel's change
	 * times the mean gradient along the straight path to the input, by the midpoint rule over {@code steps} points,
	 * in one backward pass of {@code steps} rows. The attributions then add up to score(input) - score(black), and
	 * how far they miss it is reported as the relative completeness error.
	 */
	public static Attribution integratedGradients(MultiLayerNetwork network, float[] input, int digit, int steps) {
		return integratedGradients(network, new float[][] { input }, new int[] { digit }, steps).get(0);
	}

	/** Integrated gradients of several inputs, each for its own digit: every path in one backward pass. */
	public static List<Attribution> integratedGradients(MultiLayerNetwork network, float[][] inputs, int[] digits,
			int steps) {
		float[][] path = new float[inputs.length * steps][];
		int[] pathDigits = new int[path.length];
		for (int i = 0; i < inputs.length; i++) {
			for (int k = 0; k < steps; k++) {
				float alpha = (k + 0.5f) / steps;
				float[] point = new float[PIXELS];
				for (int p = 0; p < PIXELS; p++) {
					point[p] = alpha * inputs[i][p];
				}
				path[i * steps + k] = point;
				pathDigits[i * steps + k] = digits[i];
			}
		}
		float[][] gradients = gradients(network, path, pathDigits);
		float[][] ends = new float[inputs.length * 2][];
		for (int i = 0; i < inputs.length; i++) {
			ends[2 * i] = inputs[i];
			ends[2 * i + 1] = new float[PIXELS];
		}
		INDArray probabilities = network.output(Nd4j.createFromArray(ends), false);
		List<Attribution> attributions = new ArrayList<>(inputs.length);
		for (int i = 0; i < inputs.length; i++) {
			float[] values = new float[PIXELS];
			double sum = 0;
			for (int p = 0; p < PIXELS; p++) {
				double mean = 0;
				for (int k = 0; k < steps; k++) {
					mean += gradients[i * steps + k][p];
				}
				values[p] = (float) (inputs[i][p] * mean / steps);
				sum += values[p];
			}
			double difference = logOf(probabilities.getDouble(2 * i, digits[i]))
					- logOf(probabilities.getDouble(2 * i + 1, digits[i]));
			attributions.add(new Attribution("integrated-gradients", values,
					difference == 0 ? null : Math.abs(sum - difference) / Math.abs(difference)));
		}
		return attributions;
	}

	private static double logOf(double probability) {
		return Math.log(Math.max(probability, Double.MIN_NORMAL));
	}

	/**
	 * @param completenessError |sum of attributions - (score(input) - score(baseline))| / |score(input) -
	 *     score(baseline)|; null for saliency, which makes no such promise
	 */
	public record Attribution(String method, float[] values, Double completenessError) {
	}

}

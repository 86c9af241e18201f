package io.digits.inference.explain;

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
		INDArray features = Nd4j.createFromArray(inputs);
		INDArray labels = Nd4j.zeros(inputs.length, CLASSES);
		labels.getColumn(digit).assign(1);
		// the input's gradient of the loss, per example (DL4J divides by the batch only in its updater): minus ours
		INDArray lossGradient = network.calculateGradients(features, labels, null, null).getSecond();
		return lossGradient.neg().toFloatMatrix();
	}

	/** log p(digit) of each input. */
	static double[] scores(MultiLayerNetwork network, float[][] inputs, int digit) {
		INDArray probabilities = network.output(Nd4j.createFromArray(inputs), false);
		double[] scores = new double[inputs.length];
		for (int i = 0; i < inputs.length; i++) {
			scores[i] = Math.log(Math.max(probabilities.getDouble(i, digit), Double.MIN_NORMAL));
		}
		return scores;
	}

	/** The gradient at the input itself (Simonyan et al., 2014): how much each pixel moves the score, locally. */
	public static Attribution saliency(MultiLayerNetwork network, float[] input, int digit) {
		return new Attribution("saliency", gradients(network, new float[][] { input }, digit)[0], null);
	}

	/**
	 * Integrated gradients (Sundararajan et al., 2017) from a black image, MNIST's background: the pixel's change
	 * times the mean gradient along the straight path to the input, by the midpoint rule over {@code steps} points,
	 * in one backward pass of {@code steps} rows. The attributions then add up to score(input) - score(black), and
	 * how far they miss it is reported as the relative completeness error.
	 */
	public static Attribution integratedGradients(MultiLayerNetwork network, float[] input, int digit, int steps) {
		float[][] path = new float[steps][PIXELS];
		for (int k = 0; k < steps; k++) {
			float alpha = (k + 0.5f) / steps;
			for (int p = 0; p < PIXELS; p++) {
				path[k][p] = alpha * input[p];
			}
		}
		float[][] gradients = gradients(network, path, digit);
		float[] attributions = new float[PIXELS];
		double sum = 0;
		for (int p = 0; p < PIXELS; p++) {
			double mean = 0;
			for (int k = 0; k < steps; k++) {
				mean += gradients[k][p];
			}
			attributions[p] = (float) (input[p] * mean / steps);
			sum += attributions[p];
		}
		double[] ends = scores(network, new float[][] { input, new float[PIXELS] }, digit);
		double difference = ends[0] - ends[1];
		return new Attribution("integrated-gradients", attributions,
				difference == 0 ? null : Math.abs(sum - difference) / Math.abs(difference));
	}

	/**
	 * @param completenessError |sum of attributions - (score(input) - score(baseline))| / |score(input) -
	 *     score(baseline)|; null for saliency, which makes no such promise
	 */
	public record Attribution(String method, float[] values, Double completenessError) {
	}

}

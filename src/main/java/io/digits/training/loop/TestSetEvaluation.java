package io.digits.training.loop;

import io.digits.data.LabelledImages;
import io.digits.model.ClassProbabilities;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A network's accuracy (DL4J's {@link Evaluation}) and mean cross-entropy on a test set, from one forward pass: DL4J's
 * {@code output}, or the fused step's.
 */
public record TestSetEvaluation(Evaluation evaluation, double loss) {

	private static final int BATCH = 2000;

	/** Keeps log(0) finite, as DL4J's own MCXENT loss does. */
	private static final double MIN_PROBABILITY = 1e-10;

	public static TestSetEvaluation of(MultiLayerNetwork network, LabelledImages test) {
		Evaluation evaluation = new Evaluation(LabelledImages.CLASSES);
		double lossSum = 0;
		for (int start = 0; start < test.count(); start += BATCH) {
			int end = Math.min(start + BATCH, test.count());
			INDArray features = test.features().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
			INDArray labels = test.labels().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
			INDArray probabilities = ClassProbabilities.of(network, features);
			evaluation.eval(labels, probabilities);
			INDArray ofTrueClass = probabilities.mul(labels).sum(1);
			lossSum -= Transforms.log(Transforms.max(ofTrueClass, MIN_PROBABILITY, false), false).sumNumber().doubleValue();
		}
		return new TestSetEvaluation(evaluation, lossSum / test.count());
	}

	/**
	 * The same measures from each sample's predicted class and the probability given to its true class, as the fused
	 * forward pass computes them.
	 */
	static TestSetEvaluation of(int[] predicted, float[] actualProbability, byte[] actual) {
		Evaluation evaluation = new Evaluation(LabelledImages.CLASSES);
		double lossSum = 0;
		for (int i = 0; i < actual.length; i++) {
			evaluation.eval(predicted[i], actual[i]);
			lossSum -= Math.log(Math.max(actualProbability[i], MIN_PROBABILITY));
		}
		return new TestSetEvaluation(evaluation, lossSum / actual.length);
	}

	public double accuracy() {
		return evaluation.accuracy();
	}

}

package io.digits.training.loop;

import java.util.ArrayList;
import java.util.List;

import io.digits.data.LabelledImages;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** How many ReLU units of each hidden layer never fire: a dead unit outputs 0 for every input and stops learning. */
public final class DeadUnits {

	/** Test digits the activations are measured on: enough to wake any unit that is alive. */
	private static final int SAMPLE = 500;

	private DeadUnits() {
	}

	/** The dead fraction of each hidden layer, or null when the activation is not ReLU (other units never die). */
	public static List<Double> measure(MultiLayerNetwork network, Hyperparameters h, LabelledImages test) {
		if (h.activation() != Activation.RELU || h.hiddenLayers().isEmpty()) {
			return null;
		}
		INDArray sample = test.features().get(NDArrayIndex.interval(0, Math.min(SAMPLE, test.count())), NDArrayIndex.all());
		List<INDArray> activations = network.feedForward(sample, false);
		List<Double> dead = new ArrayList<>();
		// activations.get(0) is the input; then one per layer, the last being the output
		for (int layer = 1; layer <= h.hiddenLayers().size(); layer++) {
			INDArray fired = activations.get(layer).gt(0).castTo(DataType.FLOAT).max(0);
			double alive = fired.sumNumber().doubleValue();
			dead.add(1 - alive / fired.length());
		}
		return dead;
	}

}

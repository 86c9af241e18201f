package io.digits.training.network;

import io.digits.data.LabelledImages;
import io.digits.training.settings.Hyperparameters;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds the MLP a job's hyperparameters describe: dense hidden layers, then (by default) softmax with cross-entropy. */
public final class NetworkFactory {

	private NetworkFactory() {
	}

	public static MultiLayerNetwork create(Hyperparameters h) {
		return create(h, h.trainLimit());
	}

	/** Over {@code trainingImages} an epoch (extra images on top of the dataset's), which a cosine schedule spans. */
	public static MultiLayerNetwork create(Hyperparameters h, int trainingImages) {
		MultiLayerNetwork network = new MultiLayerNetwork(configuration(h, trainingImages));
		network.init();
		return network;
	}

	public static MultiLayerConfiguration configuration(Hyperparameters h) {
		return configuration(h, h.trainLimit());
	}

	public static MultiLayerConfiguration configuration(Hyperparameters h, int trainingImages) {
		NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder().seed(h.seed())
			.dataType(DataType.FLOAT)
			.updater(Dl4jTranslation.updater(h, h.totalIterations(trainingImages)))
			.weightInit(Dl4jTranslation.weightInit(h.weightInit()))
			.activation(Dl4jTranslation.hidden(h.activation()))
			.trainingWorkspaceMode(WorkspaceMode.ENABLED)
			.inferenceWorkspaceMode(WorkspaceMode.ENABLED);
		if (h.l2() > 0) {
			builder.l2(h.l2());
		}
		if (h.weightDecay() > 0) {
			builder.weightDecay(h.weightDecay());
		}
		NeuralNetConfiguration.ListBuilder layers = builder.list();
		int inputs = LabelledImages.PIXELS;
		boolean first = true;
		for (int width : h.hiddenLayers()) {
			DenseLayer.Builder dense = new DenseLayer.Builder().nIn(inputs).nOut(width);
			layers.layer(withHiddenDropout(dense, h, first).build());
			inputs = width;
			first = false;
		}
		OutputLayer.Builder output = new OutputLayer.Builder(Dl4jTranslation.loss(h.loss())).nIn(inputs)
			.nOut(LabelledImages.CLASSES)
			.activation(Dl4jTranslation.output(h.outputActivation()));
		layers.layer(withHiddenDropout(output, h, first).build());
		return layers.build();
	}

	/**
	 * DL4J drops a layer's inputs and takes the probability of keeping them; our {@code dropout} is the probability of
	 * dropping a hidden unit's output, as in PyTorch, so it goes on every layer but the first (whose inputs are pixels).
	 */
	private static <B extends org.deeplearning4j.nn.conf.layers.Layer.Builder<B>> B withHiddenDropout(B layer,
			Hyperparameters h, boolean takesPixels) {
		if (h.dropout() > 0 && !takesPixels) {
			layer.dropOut(1 - h.dropout());
		}
		return layer;
	}

}

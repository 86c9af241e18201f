package io.digits.training.fused;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.stepfunctions.NegativeDefaultStepFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Where each layer's weights and biases sit in a DL4J network's flat parameter vector, read from the network's own
 * configuration, with everything the fused step does not reproduce refused by name. The layout is DL4J's
 * {@code DefaultParamInitializer}: per layer, in order, W as an [nIn, nOut] matrix in column-major ('f') order, then b
 * (nOut values); {@link FusedDenseStep} also checks it on the live arrays before training.
 */
final class DenseLayout {

	/** Units per layer, the input first: {@code widths[0]} inputs, {@code widths[layers()]} classes. */
	final int[] widths;

	final long[] weightOffsets;

	final long[] biasOffsets;

	/** One per hidden layer (all but the last). */
	final HiddenActivation[] activations;

	final long parameterCount;

	/** Probabilities under this are scored as this, as DL4J's MCXENT does (it keeps log(0) finite). */
	final double softmaxClipEps;

	private DenseLayout(int[] widths, HiddenActivation[] activations, double softmaxClipEps) {
		this.widths = widths;
		this.activations = activations;
		this.softmaxClipEps = softmaxClipEps;
		int layers = widths.length - 1;
		weightOffsets = new long[layers];
		biasOffsets = new long[layers];
		long offset = 0;
		for (int l = 0; l < layers; l++) {
			weightOffsets[l] = offset;
			offset += (long) widths[l] * widths[l + 1];
			biasOffsets[l] = offset;
			offset += widths[l + 1];
		}
		parameterCount = offset;
	}

	int layers() {
		return widths.length - 1;
	}

	long weightCount(int layer) {
		return (long) widths[layer] * widths[layer + 1];
	}

	/** The layout of a network the fused step can train exactly as DL4J does, or why it cannot. */
	static DenseLayout of(MultiLayerNetwork network) {
		MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
		int layers = network.getnLayers();
		require(layers >= 1, "a network without layers");
		require(conf.getDataType() == DataType.FLOAT, "parameters of type " + conf.getDataType() + " (float32 only)");
		require(conf.getBackpropType() == BackpropType.Standard, "truncated backpropagation through time");
		Map<Integer, ?> preprocessors = conf.getInputPreProcessors();
		require(preprocessors == null || preprocessors.isEmpty(), "input preprocessors");
		int[] widths = new int[layers + 1];
		HiddenActivation[] activations = new HiddenActivation[layers - 1];
		double clip = 0;
		for (int l = 0; l < layers; l++) {
			NeuralNetConfiguration layerConf = conf.getConf(l);
			checkTraining(layerConf, l);
			org.deeplearning4j.nn.conf.layers.Layer layer = layerConf.getLayer();
			boolean output = l == layers - 1;
			Class<?> expected = output ? OutputLayer.class : DenseLayer.class;
			require(layer.getClass() == expected,
					"layer %d is a %s, not a %s".formatted(l, layer.getClass().getSimpleName(),
							expected.getSimpleName()));
			FeedForwardLayer dense = (FeedForwardLayer) layer;
			int inputs = width(dense.getNIn(), l);
			// widths[l] holds the previous layer's outputs by now
			require(l == 0 || inputs == widths[l],
					"layer %d takes %d inputs from %d outputs".formatted(l, inputs, widths[l]));
			widths[l] = inputs;
			widths[l + 1] = width(dense.getNOut(), l);
			checkNoExtras((BaseLayer) dense, l);
			if (output) {
				OutputLayer out = (OutputLayer) dense;
				require(out.hasBias(), "an output layer without bias");
				require(out.getActivationFn().getClass() == ActivationSoftmax.class,
						"output activation " + out.getActivationFn() + " (softmax only)");
				require(out.getLossFn() != null && out.getLossFn().getClass() == LossMCXENT.class,
						"loss " + out.getLossFn() + " (cross-entropy of probabilities only)");
				LossMCXENT loss = (LossMCXENT) out.getLossFn();
				require(loss.getWeights() == null, "a weighted loss");
				clip = loss.getSoftmaxClipEps();
			}
			else {
				DenseLayer hidden = (DenseLayer) dense;
				require(hidden.hasBias(), "layer %d without bias".formatted(l));
				require(!hidden.hasLayerNorm(), "layer normalisation in layer " + l);
				activations[l] = HiddenActivation.of(hidden.getActivationFn());
			}
		}
		DenseLayout layout = new DenseLayout(widths, activations, clip);
		layout.checkParameters(network);
		return layout;
	}

	private static void checkTraining(NeuralNetConfiguration layerConf, int l) {
		require(layerConf.isMiniBatch(), "layer %d not in minibatch mode (DL4J would not average)".formatted(l));
		require(layerConf.isMinimize(), "maximising the score");
		require(layerConf.getOptimizationAlgo() == OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT,
				"optimisation algorithm " + layerConf.getOptimizationAlgo());
		require(layerConf.getStepFunction() == null
				|| layerConf.getStepFunction().getClass() == NegativeDefaultStepFunction.class,
				"step function " + layerConf.getStepFunction());
	}

	/** What DL4J would do to a layer that the fused step does not: dropout, weight noise, clipping, constraints. */
	private static void checkNoExtras(BaseLayer layer, int l) {
		require(layer.getIDropout() == null, "dropout in layer " + l);
		require(layer.getWeightNoise() == null, "weight noise in layer " + l);
		GradientNormalization normalization = layer.getGradientNormalization();
		require(normalization == null || normalization == GradientNormalization.None,
				"gradient normalisation in layer " + l);
		require(layer.getConstraints() == null || layer.getConstraints().isEmpty(), "constraints in layer " + l);
	}

	/** The network's own parameter views must be W [nIn, nOut] then b, and sum to its flat vector. */
	private void checkParameters(MultiLayerNetwork network) {
		for (int l = 0; l < layers(); l++) {
			Map<String, INDArray> table = network.getLayer(l).paramTable(false);
			require(List.copyOf(table.keySet()).equals(List.of("W", "b")),
					"layer %d has parameters %s (W and b only)".formatted(l, table.keySet()));
			INDArray w = table.get("W");
			require(w.rank() == 2 && w.size(0) == widths[l] && w.size(1) == widths[l + 1] && w.ordering() == 'f',
					"layer %d's W is %s in '%s' order".formatted(l, java.util.Arrays.toString(w.shape()),
							w.ordering()));
			require(table.get("b").length() == widths[l + 1], "layer %d's b has %d values".formatted(l,
					table.get("b").length()));
		}
		require(network.numParams() == parameterCount && network.params().length() == parameterCount,
				"%d parameters where the layers add up to %d".formatted(network.numParams(), parameterCount));
	}

	private static int width(long units, int l) {
		require(units >= 1 && units <= Integer.MAX_VALUE, "layer %d has %d units".formatted(l, units));
		return (int) units;
	}

	static void require(boolean condition, String notCovered) {
		if (!condition) {
			throw new IllegalArgumentException("not covered by the fused step: " + notCovered);
		}
	}

}

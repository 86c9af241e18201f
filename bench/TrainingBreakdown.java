import java.nio.file.Path;
import java.util.Random;

import io.digits.data.IdxReader;
import io.digits.data.LabelledImages;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Where an epoch of the seed network goes, for bench/train.sh: the same network and data as the service's default job
 * (784-128-64-10, ReLU, Adam 1e-3, float32, batch 128, shuffled rows gathered per batch), timed piece by piece in a
 * bare DL4J loop: gathering the batches alone, fitting without a listener, fitting with a listener that reads the loss
 * every iteration (as the service does), and the native ops one iteration runs.
 *
 * Arguments: the data directory and the batch size.
 */
public class TrainingBreakdown {

	private static final int EPOCHS = 3;

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		Path mnist = Path.of(args[0], "mnist");
		int batch = Integer.parseInt(args[1]);
		LabelledImages train = LabelledImages.of(IdxReader.readImages(mnist.resolve("train-images-idx3-ubyte")),
				IdxReader.readLabels(mnist.resolve("train-labels-idx1-ubyte"), LabelledImages.CLASSES));
		Batches batches = new Batches(train, batch);

		double gather = 0;
		for (int epoch = 0; epoch <= EPOCHS; epoch++) {
			long start = System.nanoTime();
			batches.forEach((features, labels) -> {
			});
			gather += epoch == 0 ? 0 : (System.nanoTime() - start) / 1e9 / EPOCHS;
		}
		double bare = secondsPerEpoch(network(), batches);
		MultiLayerNetwork listened = network();
		listened.setListeners(new BaseTrainingListener() {
			double sum;

			@Override
			public void iterationDone(Model model, int iteration, int epoch) {
				sum += model.score();
			}
		});
		double withListener = secondsPerEpoch(listened, batches);

		MultiLayerNetwork profiled = network();
		batches.forEach(profiled::fit);
		Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
		OpProfiler.getInstance().reset();
		batches.forEach(profiled::fit);
		Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
		int iterations = batches.count();

		System.out.printf("Where an epoch goes, seed network at batch %d (%d iterations), mean of %d epochs after one to warm up:%n",
				batch, iterations, EPOCHS);
		System.out.println("| part                                               | s/epoch | ms/iteration |");
		System.out.println("|----------------------------------------------------|---------|--------------|");
		row("gathering shuffled batches (Nd4j.pullRows), alone", gather, iterations);
		row("fit, no listener (includes the gathering)", bare, iterations);
		row("fit, loss read every iteration (the service's way)", withListener, iterations);
		System.out.printf("Native ops per iteration: %.1f. Calls in one epoch, by op:%n%s%n",
				OpProfiler.getInstance().getInvocationsCount() / (double) iterations,
				OpProfiler.getInstance().getOpCounter().asString());
	}

	private static void row(String part, double seconds, int iterations) {
		System.out.printf("| %-50s | %7.3f | %12.3f |%n", part, seconds, seconds * 1000 / iterations);
	}

	private static double secondsPerEpoch(MultiLayerNetwork network, Batches batches) {
		double total = 0;
		for (int epoch = 0; epoch <= EPOCHS; epoch++) {
			long start = System.nanoTime();
			batches.forEach(network::fit);
			total += epoch == 0 ? 0 : (System.nanoTime() - start) / 1e9;
		}
		return total / EPOCHS;
	}

	private static MultiLayerNetwork network() {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
			.dataType(DataType.FLOAT)
			.updater(new Adam(1e-3))
			.weightInit(WeightInit.RELU)
			.activation(Activation.RELU)
			.trainingWorkspaceMode(WorkspaceMode.ENABLED)
			.inferenceWorkspaceMode(WorkspaceMode.ENABLED)
			.list()
			.layer(new DenseLayer.Builder().nIn(LabelledImages.PIXELS).nOut(128).build())
			.layer(new DenseLayer.Builder().nIn(128).nOut(64).build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64)
				.nOut(LabelledImages.CLASSES)
				.activation(Activation.SOFTMAX)
				.build())
			.build());
		network.init();
		return network;
	}

	/** Shuffled minibatches gathered with one native op per array, as the service's iterator does. */
	private record Batches(LabelledImages data, int size, int[] order, Random random) {

		Batches(LabelledImages data, int size) {
			this(data, size, java.util.stream.IntStream.range(0, data.count()).toArray(), new Random(42));
		}

		int count() {
			return (order.length + size - 1) / size;
		}

		void forEach(java.util.function.BiConsumer<INDArray, INDArray> step) {
			for (int i = order.length - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int swap = order[i];
				order[i] = order[j];
				order[j] = swap;
			}
			for (int start = 0; start < order.length; start += size) {
				int[] rows = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + size));
				step.accept(Nd4j.pullRows(data.features(), 1, rows), Nd4j.pullRows(data.labels(), 1, rows));
			}
		}

	}

}

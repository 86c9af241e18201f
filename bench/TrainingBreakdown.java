import java.nio.file.Path;
import java.util.Random;

import io.digits.data.IdxReader;
import io.digits.data.LabelledImages;
import io.digits.training.JobRequest;
import io.digits.training.fused.FusedClassifier;
import io.digits.training.fused.FusedDenseStep;
import io.digits.training.loop.DeadUnits;
import io.digits.training.loop.TestSetEvaluation;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Hyperparameters;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Where an epoch of the seed network goes, for bench/train.sh: the service's default job (784-128-64-10, ReLU, Adam
 * 1e-3, float32) made by the service's own NetworkFactory, at one batch size, timed piece by piece outside the
 * service: gathering the shuffled batches with ND4J alone, DL4J's fit, the fused step (which gathers its own batches),
 * the eight matrix products of the fused step alone (the same shapes, straight to OpenBLAS: the rest of the step is
 * gathering, elementwise work and copies), the fused step using the second core either way (each batch split over
 * two threads, or OpenBLAS on two threads), and what
 * the service adds to every epoch (the test-set evaluation, by DL4J's output or the fused forward pass, and the
 * dead-unit count). Then DL4J's native ops per iteration.
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
		LabelledImages test = LabelledImages.of(IdxReader.readImages(mnist.resolve("t10k-images-idx3-ubyte")),
				IdxReader.readLabels(mnist.resolve("t10k-labels-idx1-ubyte"), LabelledImages.CLASSES));
		Hyperparameters h = JobRequest.defaults().resolve(train.count());
		Batches batches = new Batches(train, batch);
		int iterations = batches.count();

		double gather = perEpoch(() -> batches.forEach((features, labels) -> {
		}));
		// DL4J's fit takes minutes an epoch below a batch of 8 (about 4 at batch 1): left out there
		boolean withDl4j = batch >= 8;
		double fit = Double.NaN;
		if (withDl4j) {
			MultiLayerNetwork dl4j = NetworkFactory.create(h);
			dl4j.setListeners();
			fit = perEpoch(() -> batches.forEach(dl4j::fit));
		}
		MultiLayerNetwork fusedNetwork = NetworkFactory.create(h);
		double fused = fusedEpoch(fusedNetwork, batches, train, 1, 1);
		double split = fusedEpoch(NetworkFactory.create(h), batches, train, 2, 1);
		double blas2 = fusedEpoch(NetworkFactory.create(h), batches, train, 1, 2);
		double products = perEpoch(new Products(h, batch, iterations)::epoch);
		double evaluation = perEpoch(() -> TestSetEvaluation.of(fusedNetwork, test));
		double fusedEvaluation;
		try (FusedDenseStep step = new FusedDenseStep(fusedNetwork, batch);
				FusedClassifier classifier = new FusedClassifier(step)) {
			int[] predicted = new int[test.count()];
			float[] probability = new float[test.count()];
			fusedEvaluation = perEpoch(() -> classifier.classify(test.features(), test.classes(), predicted,
					probability));
		}
		double deadUnits = perEpoch(() -> DeadUnits.measure(fusedNetwork, h, test));

		if (withDl4j) {
			MultiLayerNetwork profiled = NetworkFactory.create(h);
			batches.forEach(profiled::fit);
			Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
			OpProfiler.getInstance().reset();
			batches.forEach(profiled::fit);
			Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
		}

		System.out.printf("Where an epoch goes, seed network at batch %d (%d iterations), mean of %d epochs after one to warm up:%n",
				batch, iterations, EPOCHS);
		System.out.println("| part                                                         | s/epoch | ms/iteration |");
		System.out.println("|--------------------------------------------------------------|---------|--------------|");
		row("gathering shuffled batches (Nd4j.pullRows), alone", gather, iterations);
		row("DL4J fit, no listener (includes the gathering)", fit, iterations);
		row("fused step (gathers its batches itself)", fused, iterations);
		row("  of which the 8 matrix products, alone", products, iterations);
		row("  of which gathering, elementwise work and copies (the rest)", fused - products, iterations);
		row("fused step, each batch split over 2 threads", split, iterations);
		row("fused step, OpenBLAS on 2 threads", blas2, iterations);
		row("test-set evaluation, 10,000 images, DL4J's output", evaluation, iterations);
		row("test-set evaluation, 10,000 images, fused forward pass", fusedEvaluation, iterations);
		row("dead-unit count, 500 images (after each epoch)", deadUnits, iterations);
		if (withDl4j) {
			System.out.printf("DL4J's native ops per iteration: %.1f. Calls in one epoch, by op:%n%s%n",
					OpProfiler.getInstance().getInvocationsCount() / (double) iterations,
					OpProfiler.getInstance().getOpCounter().asString());
		}
	}

	/** An epoch of the fused step on {@code threads} threads, OpenBLAS set to {@code blasThreads} after it is made. */
	private static double fusedEpoch(MultiLayerNetwork network, Batches batches, LabelledImages train, int threads,
			int blasThreads) {
		try (FusedDenseStep step = new FusedDenseStep(network, batches.size(), threads)) {
			openblas_nolapack.blas_set_num_threads(blasThreads);
			return perEpoch(() -> batches.forEachRows(rows -> step.step(train.features(), train.labels(), rows,
					rows.length)));
		}
		finally {
			openblas_nolapack.blas_set_num_threads(1);
		}
	}

	private static void row(String part, double seconds, int iterations) {
		if (Double.isNaN(seconds)) {
			System.out.printf("| %-60s | not run (minutes an epoch at this batch) |%n", part);
			return;
		}
		System.out.printf("| %-60s | %7.3f | %12.3f |%n", part, seconds, seconds * 1000 / iterations);
	}

	/** Seconds per run of {@code epoch}, the mean of {@link #EPOCHS} runs after one to warm up. */
	private static double perEpoch(Runnable epoch) {
		double total = 0;
		for (int run = 0; run <= EPOCHS; run++) {
			long start = System.nanoTime();
			epoch.run();
			total += run == 0 ? 0 : (System.nanoTime() - start) / 1e9;
		}
		return total / EPOCHS;
	}

	/** The fused step's products for every layer, with its shapes and transposes, on scratch memory. */
	private record Products(int[] widths, int batch, int iterations, FloatPointer[] weights, FloatPointer[] outputs,
			FloatPointer scratch) {

		Products(Hyperparameters h, int batch, int iterations) {
			this(widths(h), batch, iterations, new FloatPointer[h.hiddenLayers().size() + 1],
					new FloatPointer[h.hiddenLayers().size() + 2], new FloatPointer(batch * 1024L));
			for (int l = 0; l < weights.length; l++) {
				weights[l] = filled(widths[l] * widths[l + 1], 0.01f);
			}
			for (int l = 0; l < outputs.length; l++) {
				outputs[l] = filled(batch * widths[l], 0.5f);
			}
		}

		private static FloatPointer filled(int length, float value) {
			float[] values = new float[length];
			java.util.Arrays.fill(values, value);
			return new FloatPointer(values);
		}

		private static int[] widths(Hyperparameters h) {
			return java.util.stream.IntStream
				.concat(java.util.stream.IntStream.concat(java.util.stream.IntStream.of(LabelledImages.PIXELS),
						h.hiddenLayers().stream().mapToInt(Integer::intValue)), java.util.stream.IntStream.of(10))
				.toArray();
		}

		void epoch() {
			openblas_nolapack.blas_set_num_threads(1);
			for (int it = 0; it < iterations; it++) {
				for (int l = 0; l < weights.length; l++) {
					sgemm(false, true, batch, widths[l + 1], widths[l], outputs[l], weights[l], outputs[l + 1]);
				}
				for (int l = weights.length - 1; l >= 0; l--) {
					sgemm(true, false, widths[l + 1], widths[l], batch, outputs[l + 1], outputs[l], weights[l]);
					if (l > 0) {
						sgemm(false, false, batch, widths[l], widths[l + 1], outputs[l + 1], weights[l], scratch);
					}
				}
			}
		}

		private static void sgemm(boolean ta, boolean tb, int m, int n, int k, FloatPointer a, FloatPointer b,
				FloatPointer c) {
			openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
					ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
					tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, 1f, a, ta ? m : k, b,
					tb ? k : n, 0f, c, n);
		}

	}

	/**
	 * Shuffled minibatches gathered with one native op per array into arrays made once, as the service's iterator does
	 * (a shorter last batch has its own pair).
	 */
	private record Batches(LabelledImages data, int size, int[] order, Random random, INDArray[] full, INDArray[] last) {

		Batches(LabelledImages data, int size) {
			this(data, size, java.util.stream.IntStream.range(0, data.count()).toArray(), new Random(42),
					pair(data, size), pair(data, data.count() % size == 0 ? size : data.count() % size));
		}

		private static INDArray[] pair(LabelledImages data, int rows) {
			return new INDArray[] { Nd4j.create(data.features().dataType(), rows, LabelledImages.PIXELS),
					Nd4j.create(data.labels().dataType(), rows, LabelledImages.CLASSES) };
		}

		int count() {
			return (order.length + size - 1) / size;
		}

		void forEach(java.util.function.BiConsumer<INDArray, INDArray> step) {
			forEachRows(rows -> {
				INDArray[] into = rows.length == size ? full : last;
				Nd4j.pullRows(data.features(), into[0], 1, rows);
				Nd4j.pullRows(data.labels(), into[1], 1, rows);
				step.accept(into[0], into[1]);
			});
		}

		/** The rows of each batch of a newly shuffled epoch, ungathered. */
		void forEachRows(java.util.function.Consumer<int[]> step) {
			for (int i = order.length - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int swap = order[i];
				order[i] = order[j];
				order[j] = swap;
			}
			for (int start = 0; start < order.length; start += size) {
				step.accept(java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + size)));
			}
		}

	}

}

package io.digits.training.fused;

import java.nio.FloatBuffer;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a DL4J dense network one minibatch at a time without DL4J's {@code fit}: eight {@code cblas_sgemm} calls
 * for a two-hidden-layer network, the rest in plain Java loops, on the network's own parameter vector and its own
 * updater state, in place. What it computes is DL4J's step (see {@link DensePasses} and {@link FusedUpdater}): the
 * network stays a {@code MultiLayerNetwork} that DL4J can evaluate, save and go on training, and its iteration count
 * advances as {@code fit} advances it, so learning-rate schedules and Adam's bias correction continue across engines.
 * <p>
 * Memory: the step borrows the network's parameter and updater-state memory and keeps both arrays referenced. Before
 * each step it checks that the network still holds those same arrays and that neither was closed, so a network that
 * was released or re-initialised fails loudly instead of being written through a stale pointer; every product checks
 * its operands' extents ({@link Sgemm}). Not thread-safe: one training thread uses it, the one that would call
 * {@code fit}, and that thread closes the network only after it is done with the step.
 */
public final class FusedDenseStep implements AutoCloseable {

	private final MultiLayerNetwork network;

	private final int maxBatchSize;

	private final DenseLayout layout;

	private final FusedUpdater updater;

	/** The network's own arrays, held while their memory is borrowed; {@code state} is null when there is none. */
	private final INDArray params, state;

	private final FloatArea paramArea, stateArea, gradient;

	private final SplitPasses passes;

	private final BatchAreas batch = new BatchAreas();

	private final GatheredBatch gathered;

	private double lastDataLoss = Double.NaN;

	private boolean closed;

	/** A step on the training thread alone. */
	public FusedDenseStep(MultiLayerNetwork network, int maxBatchSize) {
		this(network, maxBatchSize, 1);
	}

	/**
	 * @param maxBatchSize the most samples a step will be given; the buffers of the passes are made for it once
	 * @param threads 1, or 2 to split each batch over the training thread and a helper ({@link SplitPasses})
	 * @throws IllegalArgumentException when the network is not one the fused step covers, saying what is not
	 */
	public FusedDenseStep(MultiLayerNetwork network, int maxBatchSize, int threads) {
		if (!Nd4j.getEnvironment().isCPU()) {
			throw new IllegalStateException("the fused step runs on ND4J's CPU backend only; this one is not");
		}
		if (maxBatchSize < 1) {
			throw new IllegalArgumentException("a largest batch of " + maxBatchSize);
		}
		this.network = network;
		this.maxBatchSize = maxBatchSize;
		this.layout = DenseLayout.of(network);
		this.updater = FusedUpdater.of(network, layout.parameterCount);
		this.params = network.params();
		this.state = network.getUpdater().getStateViewArray();
		if (updater.hasState() && (state == null || state.length() != updater.stateLength)) {
			throw new IllegalArgumentException("an updater state of %s values where the updater needs %d"
				.formatted(state == null ? "no" : String.valueOf(state.length()), updater.stateLength));
		}
		Sgemm.useOneThread();
		this.paramArea = FloatArea.borrow(params, "the network's parameters");
		this.stateArea = updater.hasState() ? FloatArea.borrow(state, "the updater state") : null;
		LayoutProbe.check(network, layout, paramArea, state, stateArea);
		this.gradient = FloatArea.allocate(layout.parameterCount);
		SplitPasses madePasses = null;
		try {
			madePasses = new SplitPasses(layout, paramArea, gradient, maxBatchSize, threads);
			this.gathered = new GatheredBatch(layout.widths[0], layout.widths[layout.layers()], maxBatchSize);
		}
		catch (RuntimeException | Error failure) {
			gradient.close();
			if (madePasses != null) {
				madePasses.close();
			}
			throw failure;
		}
		this.passes = madePasses;
	}

	/**
	 * Trains one minibatch: forward, loss, backward, regularization and the updater, then counts the iteration. The
	 * batch is float32, row-major, one sample per row ({@code labels} one-hot or any distribution).
	 * @return DL4J's score of the batch before the update: mean cross-entropy plus the regularization penalty
	 */
	public double step(INDArray features, INDArray labels) {
		int rows = prepare(features, labels);
		return stepOn(batch.features(), batch.labels(), rows);
	}

	/**
	 * Trains the minibatch of rows {@code rows[0..count)} of a whole dataset ({@code allFeatures} one sample per row,
	 * {@code allLabels} likewise), gathered by the step itself: the same step as {@link #step(INDArray, INDArray)} on
	 * those rows, without ND4J gathering them first.
	 */
	public double step(INDArray allFeatures, INDArray allLabels, int[] rows, int count) {
		requireUsable();
		gathered.gather(allFeatures, allLabels, rows, count);
		return stepOn(gathered.features(), gathered.labels(), count);
	}

	private double stepOn(FloatArea features, FloatArea labels, int rows) {
		int iteration = network.getIterationCount(), epoch = network.getEpochCount();
		double score = gradientAndScore(features, labels, rows, iteration, epoch);
		updater.apply(paramArea.buffer(), gradient.buffer(), stateArea == null ? null : stateArea.buffer(), iteration,
				epoch, rows);
		network.setIterationCount(iteration + 1);
		network.setScore(score);
		return score;
	}

	/** The mean cross-entropy of the last batch, without the regularization penalty: the loss a job reports. */
	public double lastDataLoss() {
		return lastDataLoss;
	}

	/** The forward and backward passes alone: the summed gradient, as DL4J's {@code computeGradientAndScore}. */
	double computeGradient(INDArray features, INDArray labels) {
		int rows = prepare(features, labels);
		return gradientAndScore(batch.features(), batch.labels(), rows, network.getIterationCount(),
				network.getEpochCount());
	}

	/** After {@link #computeGradient}: the summed gradient; after {@link #step}: the update subtracted. */
	float[] gradientCopy() {
		requireUsable();
		float[] copy = new float[gradient.length()];
		gradient.buffer().get(0, copy);
		return copy;
	}

	private double gradientAndScore(FloatArea features, FloatArea labels, int rows, int iteration, int epoch) {
		double loss = passes.run(features, labels, rows, paramArea.buffer());
		lastDataLoss = loss / rows;
		return lastDataLoss + updater.regularizationScore(paramArea.buffer(), iteration, epoch);
	}

	private int prepare(INDArray features, INDArray labels) {
		requireUsable();
		if (features == null || labels == null || features.rank() != 2 || labels.rank() != 2) {
			throw new IllegalArgumentException("a batch is two matrices, one row per sample");
		}
		long rows = features.size(0);
		int inputs = layout.widths[0], classes = layout.widths[layout.layers()];
		if (labels.size(0) != rows || features.size(1) != inputs || labels.size(1) != classes) {
			throw new IllegalArgumentException("features %s and labels %s where the network takes [n, %d] and [n, %d]"
				.formatted(java.util.Arrays.toString(features.shape()), java.util.Arrays.toString(labels.shape()),
						inputs, classes));
		}
		if (rows < 1 || rows > maxBatchSize) {
			throw new IllegalArgumentException("a batch of %d samples (1 to %d)".formatted(rows, maxBatchSize));
		}
		batch.use(features, labels);
		return (int) rows;
	}

	/** Passes of the step's network for forward passes alone ({@link FusedClassifier}); the caller closes them. */
	DensePasses forwardPasses(int rows) {
		requireUsable();
		// the gradient area is the step's: a forward pass never writes it
		return new DensePasses(layout, paramArea, gradient, rows);
	}

	FloatBuffer parameterBuffer() {
		return paramArea.buffer();
	}

	int inputs() {
		return layout.widths[0];
	}

	int classes() {
		return layout.widths[layout.layers()];
	}

	/** Refuses to touch memory the network no longer owns, or no longer uses. */
	void requireUsable() {
		if (closed) {
			throw new IllegalStateException("this fused step was closed");
		}
		if (network.params() != params || !paramArea.usable()) {
			throw new IllegalStateException("the network's parameters were replaced or closed since the step was made");
		}
		Updater current = network.getUpdater(false);
		INDArray currentState = current == null ? null : current.getStateViewArray();
		if (currentState != state || (stateArea != null && !stateArea.usable())) {
			throw new IllegalStateException(
					"the network's updater state was replaced or closed since the step was made");
		}
	}

	/** Frees the step's own buffers; the network and its arrays are the caller's and stay as they are. */
	@Override
	public void close() {
		if (!closed) {
			closed = true;
			batch.close();
			gathered.close();
			passes.close();
			gradient.close();
			paramArea.close();
			if (stateArea != null) {
				stateArea.close();
			}
		}
	}

}

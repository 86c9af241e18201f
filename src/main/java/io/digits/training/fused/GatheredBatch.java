package io.digits.training.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch copied row by row from a whole dataset into memory of the step's own: one bulk copy per row (a
 * memcpy of 3 KB for an MNIST image), where ND4J's {@code pullRows} took about 0.18 ms for a batch of 128, 15% of
 * a fused epoch (issue 15, bench/TrainingBreakdown.java). The dataset's arrays are borrowed, and kept referenced,
 * for as long as batches come from them; every row index is checked against the dataset before it is read.
 */
final class GatheredBatch implements AutoCloseable {

	private final int inputs, classes, maxRows;

	/** Made at the first gather: a step given whole batches (the dataset itself) never needs them. */
	private FloatArea features, labels;

	private final BorrowedArea sourceFeatures = new BorrowedArea("the dataset's features"),
			sourceLabels = new BorrowedArea("the dataset's labels");

	GatheredBatch(int inputs, int classes, int maxRows) {
		this.inputs = inputs;
		this.classes = classes;
		this.maxRows = maxRows;
	}

	/** Copies rows {@code rows[0..count)} of the dataset into {@link #features()} and {@link #labels()}. */
	void gather(INDArray allFeatures, INDArray allLabels, int[] rows, int count) {
		if (count < 1 || count > maxRows || count > rows.length) {
			throw new IllegalArgumentException("a batch of %d rows (1 to %d)".formatted(count, maxRows));
		}
		checkShapes(allFeatures, allLabels);
		long sourceRows = allFeatures.size(0);
		var from = sourceFeatures.of(allFeatures).buffer();
		var fromLabels = sourceLabels.of(allLabels).buffer();
		if (features == null) {
			features = FloatArea.allocate((long) maxRows * inputs);
			labels = FloatArea.allocate((long) maxRows * classes);
		}
		var into = features.buffer();
		var intoLabels = labels.buffer();
		for (int i = 0; i < count; i++) {
			int row = rows[i];
			if (row < 0 || row >= sourceRows) {
				throw new IllegalArgumentException("row %d of a dataset of %d".formatted(row, sourceRows));
			}
			into.put(i * inputs, from, row * inputs, inputs);
			intoLabels.put(i * classes, fromLabels, row * classes, classes);
		}
	}

	FloatArea features() {
		return features;
	}

	FloatArea labels() {
		return labels;
	}

	private void checkShapes(INDArray allFeatures, INDArray allLabels) {
		if (allFeatures == null || allLabels == null || allFeatures.rank() != 2 || allLabels.rank() != 2
				|| allFeatures.size(1) != inputs || allLabels.size(1) != classes
				|| allFeatures.size(0) != allLabels.size(0)) {
			throw new IllegalArgumentException("a dataset of [n, %d] features and [n, %d] labels".formatted(inputs,
					classes));
		}
	}

	@Override
	public void close() {
		if (features != null) {
			features.close();
		}
		if (labels != null) {
			labels.close();
		}
		sourceFeatures.clear();
		sourceLabels.clear();
	}

}

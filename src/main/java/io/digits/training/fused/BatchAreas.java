package io.digits.training.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The memory of the batch being trained, borrowed from its ND4J arrays. The training loop gathers every full batch
 * into the same pair of arrays, so the borrowed views are kept while the arrays are the same objects; each use still
 * checks, by reading two values both ways, that the raw view and ND4J agree on where the batch is.
 */
final class BatchAreas implements AutoCloseable {

	private final BorrowedArea features = new BorrowedArea("the features"), labels = new BorrowedArea("the labels");

	private FloatArea featureArea, labelArea;

	void use(INDArray newFeatures, INDArray newLabels) {
		featureArea = features.of(newFeatures);
		labelArea = labels.of(newLabels);
		spotCheck(newFeatures, featureArea, "features");
		spotCheck(newLabels, labelArea, "labels");
	}

	FloatArea features() {
		return featureArea;
	}

	FloatArea labels() {
		return labelArea;
	}

	private static void spotCheck(INDArray array, FloatArea area, String what) {
		long rows = array.size(0), columns = array.size(1);
		if (rows * columns > area.length()) {
			throw new IllegalArgumentException("the " + what + " outgrew the memory seen at first");
		}
		int last = (int) (rows * columns - 1);
		if (!same(array.getFloat(0, 0), area.buffer().get(0))
				|| !same(array.getFloat(rows - 1, columns - 1), area.buffer().get(last))) {
			throw new IllegalStateException("the " + what + "' memory is not where ND4J reads them");
		}
	}

	private static boolean same(float a, float b) {
		return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
	}

	@Override
	public void close() {
		features.clear();
		labels.clear();
		featureArea = labelArea = null;
	}

}

package io.digits.training.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

/** How far two float vectors are apart, in the terms the fused step is judged by (issue 15). */
record Agreement(double worstOfLargest, double meanRelative, double worstRelative, int judged, double largest) {

	/**
	 * @param judgedFrom elements of {@code reference} at least this large (in magnitude) are judged one by one
	 */
	static Agreement of(float[] reference, float[] other, double judgedFrom) {
		if (reference.length != other.length) {
			throw new IllegalArgumentException(reference.length + " values against " + other.length);
		}
		double largest = 0, worstAbsolute = 0, sumDifference = 0, sumReference = 0, worstRelative = 0;
		int judged = 0;
		for (int i = 0; i < reference.length; i++) {
			double r = reference[i], difference = Math.abs(r - other[i]);
			largest = Math.max(largest, Math.abs(r));
			worstAbsolute = Math.max(worstAbsolute, difference);
			sumDifference += difference;
			sumReference += Math.abs(r);
			if (Math.abs(r) >= judgedFrom && Math.abs(r) > 0) {
				worstRelative = Math.max(worstRelative, difference / Math.abs(r));
				judged++;
			}
		}
		return new Agreement(largest == 0 ? worstAbsolute : worstAbsolute / largest,
				sumReference == 0 ? sumDifference : sumDifference / sumReference, worstRelative, judged, largest);
	}

	static float[] values(INDArray array) {
		return array.dup().data().asFloat();
	}

	@Override
	public String toString() {
		return "worst/largest %.2e, mean relative %.2e, worst relative %.2e over %d judged (largest %.3e)"
			.formatted(worstOfLargest, meanRelative, worstRelative, judged, largest);
	}

}

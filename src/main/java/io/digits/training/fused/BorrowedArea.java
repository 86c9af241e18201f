package io.digits.training.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The memory of one ND4J array at a time, borrowed ({@link FloatArea#borrow}) when a new array comes and kept while
 * the same array comes back still open: the training loop hands the step the same batch arrays, and the same dataset,
 * over and over, and borrowing checks the array's layout each time it is done.
 */
final class BorrowedArea {

	private final String what;

	private INDArray array;

	private FloatArea area;

	/** @param what the array, in words, for the message when it cannot be borrowed */
	BorrowedArea(String what) {
		this.what = what;
	}

	/** The memory of {@code candidate}: the one borrowed before if it is the same open array, else borrowed now. */
	FloatArea of(INDArray candidate) {
		if (candidate == null || candidate != array || !area.usable()) {
			area = FloatArea.borrow(candidate, what);
			array = candidate;
		}
		return area;
	}

	/** Forgets the array, so its memory is no longer held. */
	void clear() {
		array = null;
		area = null;
	}

}

package io.digits.training.fused;

import java.nio.FloatBuffer;

/**
 * The forward and backward passes of a batch on the training thread alone, or split in two: the first half of the
 * rows on the training thread, the second half at the same time on a helper thread of the step's own, each with its
 * own activations and its own gradient, then the two gradients summed (first + second, element by element, always
 * in that order). The split changes only the order of the additions over the batch, so it gives DL4J's gradient to
 * float32 rounding; whether a job splits is fixed when it starts, so its numbers never depend on the machine's load.
 */
final class SplitPasses implements AutoCloseable {

	private final int inputs, classes;

	private final DensePasses first;

	/** The second half's passes, gradient and thread; null when the batch is not split. */
	private final DensePasses second;

	private final FloatArea gradient, secondGradient;

	private final HelperThread helper;

	private double secondLoss;

	private final float[] sum = new float[Chunks.SIZE], addend = new float[Chunks.SIZE];

	/** @param threads 1, or 2 to split batches of two rows or more */
	SplitPasses(DenseLayout layout, FloatArea params, FloatArea gradient, int maxRows, int threads) {
		if (threads != 1 && threads != 2) {
			throw new IllegalArgumentException("the fused step runs on 1 or 2 threads, not " + threads);
		}
		this.inputs = layout.widths[0];
		this.classes = layout.widths[layout.layers()];
		this.gradient = gradient;
		boolean split = threads == 2 && maxRows >= 2;
		DensePasses firstPasses = new DensePasses(layout, params, gradient, split ? (maxRows + 1) / 2 : maxRows);
		if (!split) {
			this.first = firstPasses;
			this.second = null;
			this.secondGradient = null;
			this.helper = null;
			return;
		}
		FloatArea otherGradient = null;
		DensePasses otherPasses = null;
		try {
			otherGradient = FloatArea.allocate(gradient.length());
			otherPasses = new DensePasses(layout, params, otherGradient, maxRows / 2);
			this.helper = new HelperThread("fused-step-helper");
		}
		catch (RuntimeException | Error failure) {
			firstPasses.close();
			if (otherPasses != null) {
				otherPasses.close();
			}
			if (otherGradient != null) {
				otherGradient.close();
			}
			throw failure;
		}
		this.first = firstPasses;
		this.second = otherPasses;
		this.secondGradient = otherGradient;
	}

	/**
	 * Both passes over {@code rows} rows of {@code x} and {@code y}: the summed loss of the batch, and its summed
	 * gradient left in the gradient area.
	 */
	double run(FloatArea x, FloatArea y, int rows, FloatBuffer params) {
		if (second == null || rows < 2) {
			double loss = first.forward(x, y, rows, params);
			first.backward(x, rows);
			return loss;
		}
		int firstRows = (rows + 1) / 2, secondRows = rows - firstRows;
		FloatArea x2 = x.slice((long) firstRows * inputs, (long) secondRows * inputs);
		FloatArea y2 = y.slice((long) firstRows * classes, (long) secondRows * classes);
		helper.start(() -> {
			secondLoss = second.forward(x2, y2, secondRows, params);
			second.backward(x2, secondRows);
		});
		double loss;
		try {
			loss = first.forward(x, y, firstRows, params);
			first.backward(x, firstRows);
		}
		catch (RuntimeException | Error failure) {
			// never return, even failing, while the helper still uses the memory; the first failure is the one told
			try {
				helper.await();
			}
			catch (RuntimeException | Error second) {
				failure.addSuppressed(second);
			}
			throw failure;
		}
		helper.await();
		addSecondGradient();
		return loss + secondLoss;
	}

	private void addSecondGradient() {
		FloatBuffer into = gradient.buffer(), from = secondGradient.buffer();
		int length = gradient.length();
		for (int at = 0; at < length; at += Chunks.SIZE) {
			int n = Math.min(Chunks.SIZE, length - at);
			into.get(at, sum, 0, n);
			from.get(at, addend, 0, n);
			for (int i = 0; i < n; i++) {
				sum[i] = sum[i] + addend[i];
			}
			into.put(at, sum, 0, n);
		}
	}

	/**
	 * Stops the helper thread, waiting for it, then frees both halves' memory; the caller's gradient area stays its
	 * own.
	 */
	@Override
	public void close() {
		first.close();
		if (second != null) {
			helper.close();
			second.close();
			secondGradient.close();
		}
	}

}

package io.digits.training;

import java.util.Arrays;

/** The loss of every iteration of a job, in order; appended by the training thread, read by anyone. */
final class LossHistory {

	private float[] losses = new float[1024];

	private int size;

	synchronized void append(double loss) {
		if (size == losses.length) {
			losses = Arrays.copyOf(losses, size * 2);
		}
		losses[size++] = (float) loss;
	}

	synchronized float[] snapshot() {
		return Arrays.copyOf(losses, size);
	}

	synchronized int size() {
		return size;
	}

}

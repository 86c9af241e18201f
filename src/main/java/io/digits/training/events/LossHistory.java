package io.digits.training.events;

import java.util.ArrayList;
import java.util.List;

import io.digits.training.status.LossPoint;

/**
 * The loss of every iteration of a job, up to a bound; past it, an evenly thinned curve: every other point is dropped
 * and from then on only every second iteration is recorded, then every fourth, and so on. Appended by the training
 * thread, read by anyone.
 */
public final class LossHistory {

	private final int capacity;

	private long[] iterations;

	private int[] epochs;

	private float[] losses;

	private long[] timestamps;

	private int size;

	/** Only iterations that are a multiple of this are recorded; doubles at every thinning. */
	private long stride = 1;

	public LossHistory(int capacity) {
		this.capacity = Math.max(2, capacity);
		int initial = Math.min(this.capacity, 1024);
		iterations = new long[initial];
		epochs = new int[initial];
		losses = new float[initial];
		timestamps = new long[initial];
	}

	public synchronized void append(long iteration, int epoch, double loss, long timestamp) {
		if (iteration % stride != 0) {
			return;
		}
		if (size == capacity) {
			thin();
			if (iteration % stride != 0) {
				return;
			}
		}
		if (size == iterations.length) {
			grow(Math.min(capacity, size * 2));
		}
		iterations[size] = iteration;
		epochs[size] = epoch;
		losses[size] = (float) loss;
		timestamps[size] = timestamp;
		size++;
	}

	/** Points with an iteration of at least {@code from}, at most {@code limit} of them. */
	public synchronized List<LossPoint> points(long from, int limit) {
		List<LossPoint> points = new ArrayList<>(Math.min(limit, size));
		for (int i = firstAtOrAfter(from); i < size && points.size() < limit; i++) {
			points.add(new LossPoint(iterations[i], epochs[i], losses[i], timestamps[i]));
		}
		return points;
	}

	/** Thins the curve evenly until it holds at most {@code limit} points. */
	public synchronized void thinTo(int limit) {
		while (size > Math.max(2, limit)) {
			thin();
		}
	}

	/** Forgets the points after an iteration, to record them again. */
	public synchronized void truncateAfter(long iteration) {
		size = firstAtOrAfter(iteration + 1);
	}

	public synchronized int size() {
		return size;
	}

	private int firstAtOrAfter(long iteration) {
		int low = 0, high = size;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (iterations[mid] < iteration) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	private void thin() {
		stride *= 2;
		int kept = 0;
		for (int i = 0; i < size; i++) {
			if (iterations[i] % stride == 0) {
				iterations[kept] = iterations[i];
				epochs[kept] = epochs[i];
				losses[kept] = losses[i];
				timestamps[kept] = timestamps[i];
				kept++;
			}
		}
		size = kept;
	}

	private void grow(int length) {
		iterations = java.util.Arrays.copyOf(iterations, length);
		epochs = java.util.Arrays.copyOf(epochs, length);
		losses = java.util.Arrays.copyOf(losses, length);
		timestamps = java.util.Arrays.copyOf(timestamps, length);
	}

}

package io.digits.rollout;

import java.util.Arrays;

/** The last {@code size} latencies of one model, for its percentiles: a ring, overwritten oldest first. */
final class LatencyWindow {

	private final long[] nanos;

	private int next;

	private int filled;

	LatencyWindow(int size) {
		this.nanos = new long[size];
	}

	synchronized void record(long latencyNanos) {
		nanos[next] = latencyNanos;
		next = (next + 1) % nanos.length;
		filled = Math.min(filled + 1, nanos.length);
	}

	/** The latency below which {@code quantile} of the window's fall (nearest rank), in milliseconds; null when empty. */
	Double millis(double quantile) {
		long[] sorted;
		synchronized (this) {
			sorted = Arrays.copyOf(nanos, filled);
		}
		if (sorted.length == 0) {
			return null;
		}
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, rank)] / 1e6;
	}

}

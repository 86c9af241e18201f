package io.digits.training.fused;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Three Java arrays of a fixed size for the elementwise work of a step, and the spans of whole rows of a matrix that
 * fit in them. The JIT vectorises loops over arrays, not over direct buffers (the seed network's Adam update took
 * 1.0-1.5 ms a step on the buffers, about 0.06 ms on arrays: issue 15); copying a span in and out is a memcpy. Fixed-size arrays bound the heap a step uses whatever its batch and widths (a copy of each native matrix
 * would double a large job's memory), and 16K floats each keep the three in a core's L2 cache.
 */
final class Chunks {

	/** Floats per array, unless one row is longer. */
	static final int SIZE = 16 * 1024;

	final float[] first, second, third;

	private final int capacity;

	/** @param widestRow the longest row a span must hold: a span holds at least one row */
	Chunks(int widestRow) {
		capacity = Math.max(SIZE, widestRow);
		first = new float[capacity];
		second = new float[capacity];
		third = new float[capacity];
	}

	/** {@code rows} rows of {@code width} values, starting at element {@code start}. */
	record Span(int start, int rows, int length) {
	}

	/** The spans of a row-major matrix of {@code rows} rows of {@code width} values, as many rows each as fit. */
	Iterable<Span> of(int rows, int width) {
		if (width < 1 || width > capacity) {
			throw new IllegalArgumentException("rows of %d values in chunks of %d".formatted(width, capacity));
		}
		int rowsPerSpan = capacity / width;
		return () -> new Iterator<>() {

			private int row;

			@Override
			public boolean hasNext() {
				return row < rows;
			}

			@Override
			public Span next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int count = Math.min(rowsPerSpan, rows - row);
				Span span = new Span(row * width, count, count * width);
				row += count;
				return span;
			}

		};
	}

}

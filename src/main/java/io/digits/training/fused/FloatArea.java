package io.digits.training.fused;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run of float32 values in native memory, seen two ways: as a {@link FloatPointer} positioned at its first value
 * (what {@code cblas_sgemm} is given) and as a {@link FloatBuffer} of exactly its length (what the Java loops read and
 * write, with bounds checks). Either allocated here, and freed by {@link #close()}, or borrowed from an ND4J array
 * that this object keeps referenced, so a collection cannot free the array's memory while the area is in use. An
 * explicit {@code close()} of that array still can: whoever holds a borrowed area checks {@link #usable()} first.
 */
final class FloatArea implements AutoCloseable {

	/** A {@code FloatBuffer} over native memory is addressed in bytes by an int: no area may be longer. */
	static final int MAX_LENGTH = Integer.MAX_VALUE / Float.BYTES;

	private final FloatPointer pointer;

	private final FloatBuffer buffer;

	private final int length;

	private final boolean owned;

	/** The array (or the area) whose memory this one borrows: referenced so it stays reachable. */
	private final Object owner;

	private boolean closed;

	private FloatArea(FloatPointer pointer, int length, boolean owned, Object owner) {
		this.pointer = pointer;
		this.length = length;
		this.owned = owned;
		this.owner = owner;
		this.buffer = pointer.asBuffer();
		if (buffer.capacity() != length) {
			throw new IllegalStateException("a view of %d floats has %d".formatted(length, buffer.capacity()));
		}
	}

	/** Fresh native memory, zeroed, freed by {@link #close()}. */
	static FloatArea allocate(long length) {
		int checked = checkedLength(length);
		FloatPointer memory = new FloatPointer(checked);
		memory.zero();
		return new FloatArea(memory, checked, true, null);
	}

	/**
	 * The memory of a float32 ND4J array whose values lie densely in row-major order from its first one: its
	 * parameters, its updater state, a batch. A view that starts inside a larger buffer is refused rather than guessed
	 * at (ND4J's pointers to views differ in where they point).
	 */
	static FloatArea borrow(INDArray array, String what) {
		if (array == null || array.wasClosed()) {
			throw new IllegalArgumentException(what + " is missing or was closed");
		}
		if (array.dataType() != DataType.FLOAT) {
			throw new IllegalArgumentException(what + " holds " + array.dataType() + ", the fused step float32 only");
		}
		if (array.offset() != 0 || !isDense(array)) {
			throw new IllegalArgumentException(what + " is not one dense run of values from the start of its buffer "
					+ "(offset %d, shape %s, strides %s)".formatted(array.offset(),
							java.util.Arrays.toString(array.shape()), java.util.Arrays.toString(array.stride())));
		}
		int checked = checkedLength(array.length());
		if (array.data().length() < checked) {
			throw new IllegalArgumentException(what + " has a buffer shorter than its shape");
		}
		Pointer address = array.data().addressPointer();
		if (address == null || address.isNull()) {
			throw new IllegalArgumentException(what + " has no host memory");
		}
		FloatPointer view = new FloatPointer(address);
		view.position(0);
		view.capacity(checked);
		return new FloatArea(view, checked, false, array);
	}

	/** A part of this area, keeping this one referenced. */
	FloatArea slice(long offset, long sliceLength) {
		if (offset < 0 || sliceLength < 1 || offset + sliceLength > length) {
			throw new IllegalArgumentException(
					"a slice [%d, %d) of an area of %d".formatted(offset, offset + sliceLength, length));
		}
		FloatPointer view = new FloatPointer(pointer);
		view.position(pointer.position() + offset);
		view.limit(pointer.position() + offset + sliceLength);
		return new FloatArea(view, (int) sliceLength, false, this);
	}

	FloatPointer pointer() {
		requireOpen();
		return pointer;
	}

	FloatBuffer buffer() {
		requireOpen();
		return buffer;
	}

	int length() {
		return length;
	}

	/** False once this area, the area it slices or the array it borrows was closed. */
	boolean usable() {
		if (closed) {
			return false;
		}
		if (owner instanceof INDArray array) {
			return !array.wasClosed();
		}
		return !(owner instanceof FloatArea parent) || parent.usable();
	}

	/** Frees memory allocated here; a borrowed area only stops being usable. */
	@Override
	public void close() {
		if (!closed) {
			closed = true;
			if (owned) {
				pointer.deallocate();
			}
		}
	}

	private void requireOpen() {
		if (!usable()) {
			throw new IllegalStateException("the memory of this area was released");
		}
	}

	private static int checkedLength(long length) {
		if (length < 1 || length > MAX_LENGTH) {
			throw new IllegalArgumentException("an area of %d floats (1 to %d)".formatted(length, MAX_LENGTH));
		}
		return (int) length;
	}

	/** Row-major strides, dimensions of size 1 aside: a row or column vector of either order is dense too. */
	static boolean isDense(INDArray array) {
		long[] shape = array.shape();
		long[] stride = array.stride();
		long expected = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			if (shape[i] != 1 && stride[i] != expected) {
				return false;
			}
			expected *= shape[i];
		}
		return true;
	}

}

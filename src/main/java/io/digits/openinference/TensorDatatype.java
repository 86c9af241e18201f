package io.digits.openinference;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import io.digits.inference.PixelScale;

/**
 * The protocol's tensor data types, and how each is taken as pixels. The protocol lets a server coerce values to the
 * type its model needs: floating-point values are taken as 0..1 (the network's own scale), integers of any width as
 * 0..255 (MNIST's bytes, and numpy's default int64 for the same pixels). Half floats, booleans and bytes are refused.
 */
enum TensorDatatype {

	BOOL(null, "booleans are no pixels"),
	UINT8(PixelScale.BYTE, null), UINT16(PixelScale.BYTE, null), UINT32(PixelScale.BYTE, null),
	UINT64(PixelScale.BYTE, null),
	INT8(PixelScale.BYTE, null), INT16(PixelScale.BYTE, null), INT32(PixelScale.BYTE, null), INT64(PixelScale.BYTE, null),
	FP16(null, "the protocol has no JSON form for half floats; send FP32"),
	BF16(null, "the protocol has no JSON form for bfloat16; send FP32"),
	FP32(PixelScale.UNIT, null), FP64(PixelScale.UNIT, null),
	BYTES(null, "encoded images are not taken here; send the pixels (POST /api/predictions takes PNG and JPEG uploads)");

	/** How the values are scaled; null when the type is refused. */
	private final PixelScale scale;

	private final String refusal;

	TensorDatatype(PixelScale scale, String refusal) {
		this.scale = scale;
		this.refusal = refusal;
	}

	/** The type of this exact name: the protocol's strings are case-sensitive. */
	static Optional<TensorDatatype> named(String name) {
		return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
	}

	static String accepted() {
		return Arrays.stream(values()).filter(type -> type.scale != null).map(Enum::name).collect(Collectors.joining(", "));
	}

	PixelScale scale() {
		return scale;
	}

	String refusal() {
		return refusal;
	}

	boolean integral() {
		return scale == PixelScale.BYTE;
	}

	/** A value as a refusal quotes it: an integer type's whole values without a fraction. */
	String show(float value) {
		boolean whole = integral() && value == Math.rint(value) && Math.abs(value) < 1e15f;
		return whole ? Long.toString((long) value) : Float.toString(value);
	}

	/** The values a pixel may take in this type, as a refusal states them. */
	String range() {
		return integral() ? "integers 0..255" : "0..1";
	}

}

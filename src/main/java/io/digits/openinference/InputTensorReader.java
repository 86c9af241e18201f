package io.digits.openinference;

import java.util.Arrays;
import java.util.List;

import io.digits.data.LabelledImages;
import io.digits.inference.InferenceProperties;
import io.digits.inference.PixelRequest;
import io.digits.shared.InvalidFieldException;

import org.springframework.stereotype.Component;

/**
 * Reads an inference request's one input tensor into the images the prediction API takes as JSON pixels. Every
 * check is made on the shape and the count before any image is built, so a shape of a billion images is refused for
 * what it says, and the values are refused one by one with the field that holds them.
 */
@Component
class InputTensorReader {

	static final String SHAPES = "[N, 784] or [N, 28, 28]";

	private static final int SIDE = 28;

	private final int maxImages;

	InputTensorReader(InferenceProperties properties) {
		this.maxImages = properties.maxImagesPerRequest();
	}

	PixelRequest read(List<RequestInput> inputs) {
		if (inputs == null || inputs.isEmpty()) {
			throw new InvalidFieldException("inputs", "inputs holds no tensor: send one, of shape %s".formatted(SHAPES));
		}
		if (inputs.size() > 1) {
			throw new InvalidFieldException("inputs", "inputs holds %d tensors; this model takes one, of shape %s"
				.formatted(inputs.size(), SHAPES));
		}
		RequestInput input = inputs.get(0);
		String field = "inputs[0]";
		require(input.name(), field + ".name", "the protocol asks for one; any name is taken");
		require(input.datatype(), field + ".datatype", "send FP32 (values 0..1) or UINT8 (0..255)");
		require(input.shape(), field + ".shape", "send " + SHAPES);
		TensorDatatype datatype = datatype(input.datatype(), field + ".datatype");
		int images = images(input.shape(), field + ".shape");
		require(input.data(), field + ".data", "send the values as a JSON array (the binary tensor data extension is "
				+ "not supported)");
		check(input.data(), input.shape(), images, field + ".data");
		return new PixelRequest(null, pixels(input.data(), images, datatype, field + ".data"), datatype.scale());
	}

	private static TensorDatatype datatype(String name, String field) {
		TensorDatatype datatype = TensorDatatype.named(name)
			.orElseThrow(() -> new InvalidFieldException(field, "%s is '%s', which is no data type of the protocol; "
				.formatted(field, name) + "this model takes " + TensorDatatype.accepted()));
		if (datatype.scale() == null) {
			throw new InvalidFieldException(field, "%s is %s: %s".formatted(field, name, datatype.refusal()));
		}
		return datatype;
	}

	/** N, from a shape checked for its form and its bounds alone: nothing of that size is made. */
	private int images(long[] shape, String field) {
		boolean flat = shape.length == 2 && shape[1] == LabelledImages.PIXELS;
		boolean square = shape.length == 3 && shape[1] == SIDE && shape[2] == SIDE;
		if (!flat && !square) {
			throw new InvalidFieldException(field, "%s is %s; this model takes %s, N images (one image is [1, 784])"
				.formatted(field, Arrays.toString(shape), SHAPES));
		}
		if (shape[0] < 1) {
			throw new InvalidFieldException(field, "%s is %s: N must be at least 1".formatted(field, Arrays.toString(shape)));
		}
		if (shape[0] > maxImages) {
			throw new InvalidFieldException(field, "%s is %s: %d images; at most %d per request "
				.formatted(field, Arrays.toString(shape), shape[0], maxImages) + "(digits.inference.max-images-per-request)");
		}
		return (int) shape[0];
	}

	private static void check(TensorData data, long[] shape, int images, String field) {
		if (data.problem() != null) {
			throw new InvalidFieldException(field, field + " " + data.problem());
		}
		boolean nested = data.nesting().length > 1;
		if (nested && !Arrays.equals(data.nesting(), shape)) {
			throw new InvalidFieldException(field, "%s is nested as %s; nest it as the shape %s, or send it flat"
				.formatted(field, Arrays.toString(data.nesting()), Arrays.toString(shape)));
		}
		long expected = (long) images * LabelledImages.PIXELS;
		if (data.count() != expected) {
			throw new InvalidFieldException(field, "%s holds %d values; the shape %s holds %d".formatted(field,
					data.count(), Arrays.toString(shape), expected));
		}
	}

	private static float[][] pixels(TensorData data, int images, TensorDatatype datatype, String field) {
		float[] values = data.values();
		if (datatype.integral() && data.firstFraction() != -1) {
			int at = (int) data.firstFraction();
			throw new InvalidFieldException(field, "%s is %s; %s values must be %s".formatted(
					data.nameOf(field, at), datatype.show(values[at]), datatype.name(), datatype.range()));
		}
		float max = datatype.scale().max();
		for (int i = 0; i < values.length; i++) {
			if (!(values[i] >= 0 && values[i] <= max)) {
				throw new InvalidFieldException(field, "%s is %s; %s values must be %s".formatted(data.nameOf(field, i),
						datatype.show(values[i]), datatype.name(), datatype.range()));
			}
		}
		float[][] pixels = new float[images][];
		for (int i = 0; i < images; i++) {
			pixels[i] = Arrays.copyOfRange(values, i * LabelledImages.PIXELS, (i + 1) * LabelledImages.PIXELS);
		}
		return pixels;
	}

	private static void require(Object value, String field, String hint) {
		if (value == null) {
			throw new InvalidFieldException(field, "%s is missing: %s".formatted(field, hint));
		}
	}

}

package io.digits.openinference;

import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A tensor's {@code data} as sent, read by {@link Reader} without a tree: its values in row-major order, flat or
 * nested, and how it was nested. What is wrong with it (a string among the numbers, ragged nesting) is kept in
 * {@code problem} rather than thrown, so that the refusal names the tensor's field in the protocol's own words.
 *
 * @param values the first values, as floats read the way the prediction API reads its JSON pixels; at most
 *     {@link #MAX_KEPT}: the count goes on, so that a tensor too large is refused for its count without holding it
 * @param count how many values the data holds
 * @param nesting the length of each level of nesting: {@code [784]} for a flat array, {@code [1, 28, 28]} nested
 * @param firstFraction the row-major index of the first value written with a fraction or an exponent, or -1
 * @param problem what makes the data unreadable as a tensor, or null
 */
@JsonDeserialize(using = TensorData.Reader.class)
record TensorData(float[] values, long count, long[] nesting, long firstFraction, String problem) {

	/** The most images a request may hold (digits.inference.max-images-per-request's bound), 784 values each. */
	static final int MAX_KEPT = 1024 * 784;

	/** Deeper than any shape worth naming: [N, 1, 28, 28] has 4 levels. */
	static final int MAX_NESTING = 8;

	/** Names the value at a row-major index as it was sent: {@code data[5]} flat, {@code data[0][0][5]} nested. */
	String nameOf(String field, long index) {
		StringBuilder indices = new StringBuilder();
		long rest = index;
		for (int level = nesting.length - 1; level >= 0; level--) {
			long length = Math.max(1, nesting[level]);
			indices.insert(0, "[" + rest % length + "]");
			rest /= length;
		}
		return field + indices;
	}

	static final class Reader extends ValueDeserializer<TensorData> {

		@Override
		public TensorData deserialize(JsonParser parser, DeserializationContext context) {
			Values values = new Values();
			if (!parser.isExpectedStartArrayToken()) {
				parser.skipChildren();
				values.problem("is not an array: send the values as a JSON array, flat or nested as the shape");
			}
			else {
				values.readArray(parser, 0);
			}
			return values.toTensorData();
		}

	}

	/** The values of one {@code data} array as they are read; recursion is bounded by {@link #MAX_NESTING}. */
	private static final class Values {

		private float[] values = new float[1024];

		private long count;

		/** The length of each level, set by the first array that ends at it. */
		private final long[] lengths = filled(MAX_NESTING, -1);

		/** Where the reader is: the index at each level, to name a value in a refusal. */
		private final long[] at = new long[MAX_NESTING];

		/** The level numbers are found at, once one is. */
		private int leafLevel = -1;

		private long firstFraction = -1;

		private String problem;

		void readArray(JsonParser parser, int level) {
			long length = 0;
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				at[level] = length++;
				if (token == JsonToken.START_ARRAY) {
					readNested(parser, level + 1);
				}
				else if (token.isNumeric()) {
					readNumber(parser, token, level);
				}
				else {
					parser.skipChildren();
					problem("holds %s at %s: the values must be numbers".formatted(describe(token), where(level)));
				}
			}
			if (lengths[level] == -1) {
				lengths[level] = length;
			}
			else if (lengths[level] != length) {
				problem("is ragged: the array at %s holds %d values, the first one %d".formatted(where(level - 1),
						length, lengths[level]));
			}
		}

		private void readNested(JsonParser parser, int level) {
			if (level >= MAX_NESTING) {
				parser.skipChildren();
				problem("is nested deeper than %d levels".formatted(MAX_NESTING));
			}
			else if (leafLevel != -1 && level > leafLevel) {
				parser.skipChildren();
				problem("mixes numbers and arrays: the value at %s is an array".formatted(where(level - 1)));
			}
			else {
				readArray(parser, level);
			}
		}

		private void readNumber(JsonParser parser, JsonToken token, int level) {
			if (leafLevel == -1) {
				leafLevel = level;
			}
			else if (level != leafLevel) {
				problem("mixes numbers and arrays: the value at %s is a number".formatted(where(level)));
			}
			float value;
			try {
				value = parser.getFloatValue();
			}
			catch (InputCoercionException ex) {
				// a number beyond float's range: refused for its range with the rest, whatever the datatype
				value = Float.POSITIVE_INFINITY;
			}
			if (token == JsonToken.VALUE_NUMBER_FLOAT && firstFraction == -1) {
				firstFraction = count;
			}
			if (count < MAX_KEPT) {
				if (count == values.length) {
					values = Arrays.copyOf(values, (int) Math.min(MAX_KEPT, 2L * values.length));
				}
				values[(int) count] = value;
			}
			count++;
		}

		void problem(String problem) {
			if (this.problem == null) {
				this.problem = problem;
			}
		}

		private String where(int level) {
			StringBuilder where = new StringBuilder();
			for (int i = 0; i <= level; i++) {
				where.append('[').append(at[i]).append(']');
			}
			return where.toString();
		}

		private static String describe(JsonToken token) {
			return switch (token) {
				case VALUE_STRING -> "a string";
				case VALUE_TRUE, VALUE_FALSE -> "a boolean";
				case VALUE_NULL -> "null";
				default -> "an object";
			};
		}

		TensorData toTensorData() {
			int levels = leafLevel == -1 ? 1 : leafLevel + 1;
			long[] nesting = Arrays.copyOf(lengths, levels);
			return new TensorData(Arrays.copyOf(values, (int) Math.min(count, MAX_KEPT)), count, nesting, firstFraction,
					problem);
		}

		private static long[] filled(int length, long value) {
			long[] array = new long[length];
			Arrays.fill(array, value);
			return array;
		}

	}

}

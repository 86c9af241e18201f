package io.digits.openinference;

import io.swagger.v3.oas.annotations.media.Schema;

/** The protocol's {@code $response_output}: a tensor with its values flat, in row-major order. */
record ResponseOutput(String name, long[] shape, String datatype,
		@Schema(implementation = float[].class, description = "The values in row-major order: FP32 numbers, INT64 integers")
		Object data) {
}

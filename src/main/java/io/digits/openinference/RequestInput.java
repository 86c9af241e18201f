package io.digits.openinference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** The protocol's {@code $request_input}: a named tensor, its shape, its data type and its values. */
@JsonIgnoreProperties("parameters")
record RequestInput(String name,
		@Schema(description = "[N, 784] or [N, 28, 28]; N at most digits.inference.max-images-per-request") long[] shape,
		@Schema(description = "FP32 or FP64 with values 0..1; UINT8 (or any integer type) with values 0..255") String datatype,
		@Schema(implementation = float[].class, description = "The values in row-major order: flat, or nested as the shape")
		TensorData data) {
}

package io.digits.openinference;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The protocol's {@code $inference_request}. Its {@code parameters} are skipped unread: the protocol defines none,
 * and this server implements none.
 */
@JsonIgnoreProperties("parameters")
@Schema(description = "An inference request: one input tensor of N images, [N, 784] or [N, 28, 28]")
record InferenceRequest(@Schema(description = "Echoed back in the answer") String id,
		@Schema(description = "Exactly one tensor, whatever its name") List<RequestInput> inputs,
		@Schema(description = "The outputs wanted, by name: probabilities, digit; both when left out") List<RequestOutput> outputs) {
}

package io.digits.openinference;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The protocol's {@code $inference_response}: the model and version that answered, the request's {@code id} when it
 * had one, and the outputs asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InferenceResponse(@JsonProperty("model_name") String modelName,
		@JsonProperty("model_version") String modelVersion, String id, List<ResponseOutput> outputs) {
}

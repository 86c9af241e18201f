package io.digits.openinference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The protocol's {@code $request_output}: an output asked for by name. */
@JsonIgnoreProperties("parameters")
record RequestOutput(String name) {
}

package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output layer's activation. */
public enum OutputActivation {

	@JsonProperty("softmax")
	SOFTMAX,

	/** Raw scores (logits), for a loss that applies softmax itself. */
	@JsonProperty("identity")
	IDENTITY,

	@JsonProperty("sigmoid")
	SIGMOID;

}

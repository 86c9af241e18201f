package io.digits.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output layer's activation. */
public enum OutputActivation {

	@JsonProperty("softmax")
	SOFTMAX(org.nd4j.linalg.activations.Activation.SOFTMAX),

	/** Raw scores (logits), for a loss that applies softmax itself. */
	@JsonProperty("identity")
	IDENTITY(org.nd4j.linalg.activations.Activation.IDENTITY),

	@JsonProperty("sigmoid")
	SIGMOID(org.nd4j.linalg.activations.Activation.SIGMOID);

	private final org.nd4j.linalg.activations.Activation dl4j;

	OutputActivation(org.nd4j.linalg.activations.Activation dl4j) {
		this.dl4j = dl4j;
	}

	org.nd4j.linalg.activations.Activation dl4j() {
		return dl4j;
	}

}

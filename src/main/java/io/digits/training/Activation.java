package io.digits.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Hidden-layer activations offered, each with the weight initialisation that suits it. */
public enum Activation {

	@JsonProperty("relu")
	RELU(org.nd4j.linalg.activations.Activation.RELU, WeightInitScheme.RELU),

	@JsonProperty("leakyrelu")
	LEAKYRELU(org.nd4j.linalg.activations.Activation.LEAKYRELU, WeightInitScheme.RELU),

	@JsonProperty("elu")
	ELU(org.nd4j.linalg.activations.Activation.ELU, WeightInitScheme.RELU),

	@JsonProperty("tanh")
	TANH(org.nd4j.linalg.activations.Activation.TANH, WeightInitScheme.XAVIER),

	@JsonProperty("sigmoid")
	SIGMOID(org.nd4j.linalg.activations.Activation.SIGMOID, WeightInitScheme.XAVIER);

	private final org.nd4j.linalg.activations.Activation dl4j;

	private final WeightInitScheme suitedInit;

	Activation(org.nd4j.linalg.activations.Activation dl4j, WeightInitScheme suitedInit) {
		this.dl4j = dl4j;
		this.suitedInit = suitedInit;
	}

	org.nd4j.linalg.activations.Activation dl4j() {
		return dl4j;
	}

	/** He initialisation for the rectifiers, Xavier for the saturating functions. */
	WeightInitScheme suitedInit() {
		return suitedInit;
	}

}

package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Hidden-layer activations offered, each with the weight initialisation that suits it. */
public enum Activation {

	@JsonProperty("relu")
	RELU(WeightInitScheme.RELU),

	@JsonProperty("leaky-relu")
	@JsonAlias("leakyrelu")
	LEAKYRELU(WeightInitScheme.RELU),

	@JsonProperty("elu")
	ELU(WeightInitScheme.RELU),

	@JsonProperty("tanh")
	TANH(WeightInitScheme.XAVIER),

	@JsonProperty("sigmoid")
	SIGMOID(WeightInitScheme.XAVIER);

	private final WeightInitScheme suitedInit;

	Activation(WeightInitScheme suitedInit) {
		this.suitedInit = suitedInit;
	}

	/** He initialisation for the rectifiers, Xavier for the saturating functions. */
	public WeightInitScheme suitedInit() {
		return suitedInit;
	}

}

package io.digits.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.weights.WeightInit;

/** Weight initialisations offered; the default follows the activation. */
public enum WeightInitScheme {

	@JsonProperty("xavier")
	XAVIER(WeightInit.XAVIER),

	@JsonProperty("xavier_uniform")
	XAVIER_UNIFORM(WeightInit.XAVIER_UNIFORM),

	/** He et al. (2015), normal. */
	@JsonProperty("relu")
	RELU(WeightInit.RELU),

	/** He et al. (2015), uniform. */
	@JsonProperty("relu_uniform")
	RELU_UNIFORM(WeightInit.RELU_UNIFORM),

	@JsonProperty("lecun_normal")
	LECUN_NORMAL(WeightInit.LECUN_NORMAL),

	@JsonProperty("lecun_uniform")
	LECUN_UNIFORM(WeightInit.LECUN_UNIFORM);

	private final WeightInit dl4j;

	WeightInitScheme(WeightInit dl4j) {
		this.dl4j = dl4j;
	}

	WeightInit dl4j() {
		return dl4j;
	}

}

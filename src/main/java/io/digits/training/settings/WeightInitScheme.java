package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Weight initialisations offered; the default follows the activation. */
public enum WeightInitScheme {

	@JsonProperty("xavier")
	XAVIER,

	@JsonProperty("xavier-uniform")
	@JsonAlias("xavier_uniform")
	XAVIER_UNIFORM,

	/** He et al. (2015), normal. */
	@JsonProperty("relu")
	RELU,

	/** He et al. (2015), uniform. */
	@JsonProperty("relu-uniform")
	@JsonAlias("relu_uniform")
	RELU_UNIFORM,

	@JsonProperty("lecun-normal")
	@JsonAlias("lecun_normal")
	LECUN_NORMAL,

	@JsonProperty("lecun-uniform")
	@JsonAlias("lecun_uniform")
	LECUN_UNIFORM;

}

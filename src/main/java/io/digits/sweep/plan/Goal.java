package io.digits.sweep.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which way the objective is better. */
public enum Goal {

	@JsonProperty("minimize")
	MINIMIZE,

	@JsonProperty("maximize")
	MAXIMIZE

}

package io.digits.sweep.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a sweep picks its trials' parameters. */
public enum SearchMethod {

	/** Each trial draws every parameter from its domain, from the sweep's seed. */
	@JsonProperty("random")
	RANDOM,

	/** Every combination of the listed values, the first parameter changing slowest. */
	@JsonProperty("grid")
	GRID

}

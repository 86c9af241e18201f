package io.digits.inference.explain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a prediction is explained, when asked ({@code ?explain=}). */
public enum ExplanationMethod {

	/** The gradient of the digit's log-probability at the input: local, cheap, noisy. */
	@JsonProperty("saliency")
	SALIENCY("saliency"),

	/** Integrated gradients from a black image: attributions that add up to the score's change. */
	@JsonProperty("integrated-gradients")
	INTEGRATED_GRADIENTS("integrated-gradients");

	private final String wireName;

	ExplanationMethod(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}

}

package io.digits.inference;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How JSON pixel values are scaled. */
public enum PixelScale {

	/** 0..255, as MNIST's files store them. */
	@JsonProperty("byte")
	BYTE(255f),

	/** 0..1, as the network sees them. */
	@JsonProperty("unit")
	UNIT(1f);

	private final float max;

	PixelScale(float max) {
		this.max = max;
	}

	public float max() {
		return max;
	}

}

package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A number an epoch ends with, that a rule or a sweep can watch: lower is better for the losses. */
public enum Metric {

	@JsonProperty("testLoss")
	TEST_LOSS("testLoss", false),

	@JsonProperty("testAccuracy")
	TEST_ACCURACY("testAccuracy", true),

	@JsonProperty("trainLoss")
	TRAIN_LOSS("trainLoss", false);

	private final String wireName;

	private final boolean higherIsBetter;

	Metric(String wireName, boolean higherIsBetter) {
		this.wireName = wireName;
		this.higherIsBetter = higherIsBetter;
	}

	public String wireName() {
		return wireName;
	}

	public boolean higherIsBetter() {
		return higherIsBetter;
	}

	/** Whether {@code value} beats {@code reference} by more than {@code margin}. */
	public boolean improves(double value, double reference, double margin) {
		return higherIsBetter ? value > reference + margin : value < reference - margin;
	}

}

package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The optimisers offered. DL4J has no plain (heavy-ball) momentum nor AdamW: {@code momentum} is Digits' own
 * classical momentum, and {@code adamw} is Adam with decoupled weight decay (see {@code weightDecay}).
 */
public enum Optimizer {

	@JsonProperty("sgd")
	SGD(0.01),

	@JsonProperty("momentum")
	MOMENTUM(0.01),

	@JsonProperty("nesterov")
	NESTEROV(0.01),

	@JsonProperty("adam")
	ADAM(0.001),

	@JsonProperty("adamw")
	ADAMW(0.001),

	@JsonProperty("rmsprop")
	RMSPROP(0.001),

	@JsonProperty("adagrad")
	ADAGRAD(0.01);

	private final double defaultLearningRate;

	Optimizer(double defaultLearningRate) {
		this.defaultLearningRate = defaultLearningRate;
	}

	/** The learning rate this optimiser is usually run with (PyTorch's defaults, 0.01 for plain SGD). */
	public double defaultLearningRate() {
		return defaultLearningRate;
	}

	/** AdamW's decoupled weight decay defaults to PyTorch's 0.01; every other optimiser to none. */
	public double defaultWeightDecay() {
		return this == ADAMW ? 0.01 : 0.0;
	}

}

package io.digits.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimisers offered, as DL4J updaters. DL4J has no plain (heavy-ball) momentum nor AdamW: {@code momentum} is
 * {@link ClassicalMomentum}, and {@code adamw} is Adam with decoupled weight decay (see {@code weightDecay}).
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

	IUpdater updater(double learningRate, double momentum) {
		return switch (this) {
			case SGD -> new Sgd(learningRate);
			case MOMENTUM -> new ClassicalMomentum(learningRate, momentum);
			case NESTEROV -> new Nesterovs(learningRate, momentum);
			case ADAM, ADAMW -> new Adam(learningRate);
			case RMSPROP -> new RmsProp(learningRate);
			case ADAGRAD -> new AdaGrad(learningRate);
		};
	}

}

package io.digits.training.loop;

/** The loss became NaN or infinite: training cannot go on. */
public class TrainingDivergedException extends RuntimeException {

	TrainingDivergedException(double loss, long iteration, double learningRate) {
		super("the loss became %s at iteration %d: the learning rate (%s) is probably too high for this optimizer"
			.formatted(loss, iteration, learningRate));
	}

}

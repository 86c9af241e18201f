package io.digits.training.settings;

import io.digits.shared.InvalidFieldException;

/** The most work one job may ask for, so one request cannot take the machine for days or its memory. */
public final class TrainingBudget {

	private TrainingBudget() {
	}

	public static void check(Hyperparameters h, TrainingProperties limits) {
		if (h.batchSize() > h.trainLimit()) {
			throw new InvalidFieldException("batchSize", "batchSize %d is larger than the %d training samples used; "
				.formatted(h.batchSize(), h.trainLimit()) + "the allowed range is 1..%d".formatted(h.trainLimit()));
		}
		if (h.parameterCount() > limits.maxParameters()) {
			throw new InvalidFieldException("hiddenLayers", "hiddenLayers %s give %,d parameters; the limit is %,d"
				.formatted(h.hiddenLayers(), h.parameterCount(), limits.maxParameters()));
		}
		long samples = (long) h.epochs() * h.trainLimit();
		if (samples > limits.maxSamplesPerJob()) {
			throw new InvalidFieldException("epochs", "epochs x training samples = %d x %d = %,d; the limit is %,d"
				.formatted(h.epochs(), h.trainLimit(), samples, limits.maxSamplesPerJob()));
		}
	}

}

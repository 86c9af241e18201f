package io.digits.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.learning.config.IUpdater;

/** How the learning rate changes over a job. */
public enum LearningRateSchedule {

	/** The same rate throughout. */
	@JsonProperty("constant")
	CONSTANT,

	/** From the learning rate down to zero along half a cosine, over all the job's iterations. */
	@JsonProperty("cosine")
	COSINE;

	void applyTo(IUpdater updater, Hyperparameters h) {
		if (this == COSINE) {
			updater.setLrAndSchedule(h.learningRate(), new CosineSchedule(h.learningRate(), h.totalIterations()));
		}
	}

}

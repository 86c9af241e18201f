package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the learning rate changes over a job. */
public enum LearningRateSchedule {

	/** The same rate throughout. */
	@JsonProperty("constant")
	CONSTANT,

	/** From the learning rate down to zero along half a cosine, over all the job's iterations. */
	@JsonProperty("cosine")
	COSINE;

}

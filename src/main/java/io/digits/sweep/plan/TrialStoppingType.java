package io.digits.sweep.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a sweep stops its unpromising trials early. */
public enum TrialStoppingType {

	/**
	 * Asynchronous successive halving (Li et al., 2020): at each rung (minEpochs x reductionFactor^k epochs) a trial
	 * goes on only when it is in the best 1/reductionFactor of the results that rung holds; otherwise it waits,
	 * checkpointed, and may be let go on later; the ones still waiting when the sweep ends are stopped.
	 */
	@JsonProperty("asha")
	ASHA,

	/** A trial is stopped when, after minEpochs, its best result is worse than the median of the others' at that epoch. */
	@JsonProperty("median")
	MEDIAN,

	/** Every trial runs all its epochs. */
	@JsonProperty("none")
	NONE

}

package io.digits.training;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that falls from its initial value to zero along half a cosine over the whole job (Loshchilov and
 * Hutter's schedule without restarts); DL4J 1.0.0-M2.1 has none. The seed network needs a decaying rate to reach 98%.
 * Stored as JSON in the model file, hence the annotated constructor.
 */
public class CosineSchedule implements ISchedule {

	private final double initialValue;

	private final long totalIterations;

	public CosineSchedule(@JsonProperty("initialValue") double initialValue,
			@JsonProperty("totalIterations") long totalIterations) {
		this.initialValue = initialValue;
		this.totalIterations = Math.max(1, totalIterations);
	}

	@Override
	public double valueAt(int iteration, int epoch) {
		double progress = Math.min(1.0, (double) iteration / totalIterations);
		return initialValue * 0.5 * (1 + Math.cos(Math.PI * progress));
	}

	@Override
	public ISchedule clone() {
		return new CosineSchedule(initialValue, totalIterations);
	}

	public double getInitialValue() {
		return initialValue;
	}

	public long getTotalIterations() {
		return totalIterations;
	}

}

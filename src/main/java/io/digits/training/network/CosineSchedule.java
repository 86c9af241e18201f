package io.digits.training.network;

import java.util.Objects;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that falls from its initial value to zero along half a cosine over the whole job (Loshchilov and
 * Hutter's schedule without restarts); DL4J 1.0.0-M2.1 has none. A decaying rate is what takes the seed network to
 * its best accuracy (docs/performance.md). Stored as JSON in the model file, hence the annotated constructor.
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

	@Override
	public boolean equals(Object other) {
		return other instanceof CosineSchedule that && initialValue == that.initialValue
				&& totalIterations == that.totalIterations;
	}

	@Override
	public int hashCode() {
		return Objects.hash(initialValue, totalIterations);
	}

}

package io.digits.training.network;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with heavy-ball momentum as PyTorch's {@code SGD(momentum=m)} computes it: {@code v = m * v + g},
 * {@code w -= lr * v}. DL4J 1.0.0-M2.1 offers only Nesterov momentum. A bean (no-argument constructor, getters and
 * setters) because DL4J stores the updater's configuration as JSON inside the model file.
 */
public class ClassicalMomentum implements IUpdater {

	private double learningRate;

	private double momentum;

	private ISchedule learningRateSchedule;

	public ClassicalMomentum() {
		this(0.01, 0.9);
	}

	public ClassicalMomentum(double learningRate, double momentum) {
		this.learningRate = learningRate;
		this.momentum = momentum;
	}

	@Override
	public long stateSize(long numParams) {
		return numParams;
	}

	@Override
	public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
		Updater updater = new Updater(this);
		updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
		return updater;
	}

	@Override
	public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
		Updater updater = new Updater(this);
		updater.setState(updaterState, initializeStateArrays);
		return updater;
	}

	@Override
	public ClassicalMomentum clone() {
		ClassicalMomentum copy = new ClassicalMomentum(learningRate, momentum);
		copy.learningRateSchedule = learningRateSchedule;
		return copy;
	}

	@Override
	public double getLearningRate(int iteration, int epoch) {
		return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
	}

	@Override
	public boolean hasLearningRate() {
		return true;
	}

	@Override
	public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
		this.learningRate = lr;
		this.learningRateSchedule = lrSchedule;
	}

	public double getLearningRate() {
		return learningRate;
	}

	public void setLearningRate(double learningRate) {
		this.learningRate = learningRate;
	}

	public double getMomentum() {
		return momentum;
	}

	public void setMomentum(double momentum) {
		this.momentum = momentum;
	}

	public ISchedule getLearningRateSchedule() {
		return learningRateSchedule;
	}

	public void setLearningRateSchedule(ISchedule learningRateSchedule) {
		this.learningRateSchedule = learningRateSchedule;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ClassicalMomentum that && learningRate == that.learningRate
				&& momentum == that.momentum && Objects.equals(learningRateSchedule, that.learningRateSchedule);
	}

	@Override
	public int hashCode() {
		return Objects.hash(learningRate, momentum, learningRateSchedule);
	}

	private static final class Updater implements GradientUpdater<ClassicalMomentum> {

		private static final String VELOCITY = "V";

		private final ClassicalMomentum config;

		private INDArray velocity;

		Updater(ClassicalMomentum config) {
			this.config = config;
		}

		@Override
		public ClassicalMomentum getConfig() {
			return config;
		}

		@Override
		public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
			if (initialize) {
				viewArray.assign(0);
			}
			velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
			if (velocity == null) {
				throw new IllegalStateException("Could not reshape the momentum state to the gradient's shape");
			}
		}

		@Override
		public void setState(Map<String, INDArray> stateMap, boolean initialize) {
			velocity = stateMap.get(VELOCITY);
			if (velocity == null) {
				throw new IllegalStateException("Momentum state needs key " + VELOCITY + ", got " + stateMap.keySet());
			}
		}

		@Override
		public Map<String, INDArray> getState() {
			return Collections.singletonMap(VELOCITY, velocity);
		}

		/** Turns the gradient, in place, into the step DL4J subtracts from the parameters. */
		@Override
		public void applyUpdater(INDArray gradient, int iteration, int epoch) {
			INDArray g = gradient.reshape(velocity.shape());
			velocity.muli(config.momentum).addi(g);
			g.assign(velocity).muli(config.getLearningRate(iteration, epoch));
		}

	}

}

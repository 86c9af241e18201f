package io.digits.training.fused;

import java.nio.FloatBuffer;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * A hidden layer's activation and its derivative, written as libnd4j 1.0.0-M2.1 computes them in float32
 * (helpers/cpu/legacy_helper.cpp, ops/ops.h): ReLU's derivative is 0 at 0 ({@code x > 0}), leaky ReLU's slope
 * applies below 0 only ({@code x < 0}), ELU's derivative is 1 from 0 up. Derivatives are taken from the
 * pre-activation {@code z} where DL4J takes them from it, and from the activation where that is the same number
 * (tanh and sigmoid recompute exactly the forward value).
 */
final class HiddenActivation {

	enum Kind {

		RELU, LEAKY_RELU, ELU, TANH, SIGMOID

	}

	private final Kind kind;

	/** Leaky ReLU's slope below zero; ELU's scale (only 1: see {@link #of}). */
	private final float alpha;

	private HiddenActivation(Kind kind, float alpha) {
		this.kind = kind;
		this.alpha = alpha;
	}

	/** The fused equivalent of a DL4J activation, or an exception naming what is not covered. */
	static HiddenActivation of(IActivation activation) {
		Class<?> type = activation.getClass();
		if (type == ActivationReLU.class) {
			ActivationReLU relu = (ActivationReLU) activation;
			if (!isZeroOrUnset(relu.getThreshold()) || !isZeroOrUnset(relu.getNegativeSlope())
					|| relu.getMax() != null) {
				throw new IllegalArgumentException("ReLU with a threshold, slope or cap is not fused: " + activation);
			}
			return new HiddenActivation(Kind.RELU, 0);
		}
		if (type == ActivationLReLU.class) {
			return new HiddenActivation(Kind.LEAKY_RELU, (float) ((ActivationLReLU) activation).getAlpha());
		}
		if (type == ActivationELU.class) {
			// DL4J's ELU backprop (EluBp with three arguments) ignores alpha: only with alpha 1 is it the
			// derivative of DL4J's forward ELU
			if (((ActivationELU) activation).getAlpha() != 1.0) {
				throw new IllegalArgumentException("ELU with alpha other than 1 is not fused: " + activation);
			}
			return new HiddenActivation(Kind.ELU, 1f);
		}
		if (type == ActivationTanH.class) {
			return new HiddenActivation(Kind.TANH, 0);
		}
		if (type == ActivationSigmoid.class) {
			return new HiddenActivation(Kind.SIGMOID, 0);
		}
		throw new IllegalArgumentException("activation " + activation + " is not fused");
	}

	Kind kind() {
		return kind;
	}

	/**
	 * Adds the bias to each of {@code rows} rows of {@code z} (in place, as DL4J's {@code addiRowVector} does after the
	 * product) and writes the activation to {@code a}.
	 */
	void forward(FloatBuffer z, float[] bias, FloatBuffer a, int rows) {
		int width = bias.length;
		for (int r = 0, i = 0; r < rows; r++) {
			for (int j = 0; j < width; j++, i++) {
				float x = z.get(i) + bias[j];
				z.put(i, x);
				a.put(i, activate(x));
			}
		}
	}

	private float activate(float x) {
		return switch (kind) {
			case RELU -> x > 0 ? x : 0f;
			case LEAKY_RELU -> x < 0 ? alpha * x : x;
			case ELU -> x >= 0 ? x : alpha * ((float) Math.exp(x) - 1f);
			case TANH -> (float) Math.tanh(x);
			case SIGMOID -> 1f / (1f + (float) Math.exp(-x));
		};
	}

	/**
	 * {@code delta = epsilon * f'(z)} for {@code n} values, written over {@code z} (which is not needed afterwards):
	 * the gradient of the loss at this layer's pre-activation, from the gradient at its output.
	 */
	void backward(FloatBuffer z, FloatBuffer a, FloatBuffer epsilon, int n) {
		switch (kind) {
			case RELU -> {
				for (int i = 0; i < n; i++) {
					z.put(i, z.get(i) > 0 ? epsilon.get(i) : 0f);
				}
			}
			case LEAKY_RELU -> {
				for (int i = 0; i < n; i++) {
					float e = epsilon.get(i);
					z.put(i, z.get(i) < 0 ? alpha * e : e);
				}
			}
			case ELU -> {
				for (int i = 0; i < n; i++) {
					float x = z.get(i);
					z.put(i, epsilon.get(i) * (x >= 0 ? 1f : alpha * (float) Math.exp(x)));
				}
			}
			case TANH -> {
				for (int i = 0; i < n; i++) {
					float t = a.get(i);
					z.put(i, epsilon.get(i) * (1f - t * t));
				}
			}
			case SIGMOID -> {
				for (int i = 0; i < n; i++) {
					float s = a.get(i);
					z.put(i, epsilon.get(i) * (s * (1f - s)));
				}
			}
		}
	}

	private static boolean isZeroOrUnset(Double value) {
		return value == null || value == 0.0;
	}

	@Override
	public String toString() {
		return kind == Kind.LEAKY_RELU ? "leaky-relu(" + alpha + ")" : kind.name().toLowerCase();
	}

}

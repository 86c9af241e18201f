package io.digits.training.fused;

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
	void forward(float[] z, float[] bias, float[] a, int rows) {
		int width = bias.length;
		for (int start = 0; start < rows * width; start += width) {
			for (int j = 0; j < width; j++) {
				z[start + j] = z[start + j] + bias[j];
			}
		}
		int n = rows * width;
		// one loop per kind, not a switch per element: the simple ones are vectorised
		switch (kind) {
			case RELU -> {
				for (int i = 0; i < n; i++) {
					a[i] = Math.max(z[i], 0f);
				}
			}
			case LEAKY_RELU -> {
				for (int i = 0; i < n; i++) {
					a[i] = z[i] < 0 ? alpha * z[i] : z[i];
				}
			}
			case ELU -> {
				for (int i = 0; i < n; i++) {
					a[i] = z[i] >= 0 ? z[i] : alpha * ((float) Math.exp(z[i]) - 1f);
				}
			}
			case TANH -> {
				for (int i = 0; i < n; i++) {
					a[i] = (float) Math.tanh(z[i]);
				}
			}
			case SIGMOID -> {
				for (int i = 0; i < n; i++) {
					a[i] = 1f / (1f + (float) Math.exp(-z[i]));
				}
			}
		}
	}

	/**
	 * {@code delta = epsilon * f'(z)} for {@code n} values, written over {@code z} (which is not needed afterwards):
	 * the gradient of the loss at this layer's pre-activation, from the gradient at its output.
	 */
	void backward(float[] z, float[] a, float[] epsilon, int n) {
		switch (kind) {
			case RELU -> {
				// a = max(z, 0) is above 0 exactly where z is (DL4J's derivative: z > 0), that is where its bits are
				// not 0; the mask keeps epsilon there without a branch: branches on the sign of z, unpredictable,
				// made this loop and ReLU's forward six times slower (issue 15)
				for (int i = 0; i < n; i++) {
					int fired = (-Float.floatToRawIntBits(a[i])) >> 31;
					z[i] = Float.intBitsToFloat(Float.floatToRawIntBits(epsilon[i]) & fired);
				}
			}
			case LEAKY_RELU -> {
				for (int i = 0; i < n; i++) {
					z[i] = z[i] < 0 ? alpha * epsilon[i] : epsilon[i];
				}
			}
			case ELU -> {
				for (int i = 0; i < n; i++) {
					z[i] = epsilon[i] * (z[i] >= 0 ? 1f : alpha * (float) Math.exp(z[i]));
				}
			}
			case TANH -> {
				for (int i = 0; i < n; i++) {
					z[i] = epsilon[i] * (1f - a[i] * a[i]);
				}
			}
			case SIGMOID -> {
				for (int i = 0; i < n; i++) {
					z[i] = epsilon[i] * (a[i] * (1f - a[i]));
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

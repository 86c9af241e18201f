package io.digits.training.fused;

import java.nio.FloatBuffer;

import io.digits.training.network.ClassicalMomentum;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * One block's update for one iteration, element by element, with the float32 arithmetic of the code DL4J runs:
 * libnd4j's {@code updaterAdam.cpp} and {@code updaterNesterovs.cpp} helpers, the {@code sgd_updater} op, the
 * {@code Axpy} of L2 and weight decay, and {@link ClassicalMomentum}'s two ND4J ops. Scalars are cast to float where
 * libnd4j casts them ({@code static_cast<T>}), and Adam's step size is computed as libnd4j computes it, partly in
 * double. Where GCC fuses a multiply and an add in libnd4j's AVX2 build (it contracts {@code a * b + c}, the first
 * product of an expression into the sum), {@link Math#fma} does the same: given DL4J's gradient, the update, the
 * parameters and the state come out bit for bit as DL4J's (FusedDenseStepTests replays 20 steps). On a libnd4j built
 * without FMA they would be a float32 rounding apart.
 */
final class Kernel {

	private final FusedUpdater.Rule rule;

	private final float batch;

	/** Parameters in the block: Adam's v starts this far after its m. */
	private final int blockLength;

	private final float rate;

	private float momentum, momentumT;

	private float beta1, beta2, epsilon, stepSize;

	/** Coefficients of the range being updated: L2 terms (before the updater), weight decay (after, times rate). */
	private float[] before = new float[0], after = new float[0];

	Kernel(FusedUpdater.Rule rule, IUpdater config, double rate, int iteration, int epoch, float batch,
			int blockLength) {
		this.rule = rule;
		this.batch = batch;
		this.blockLength = blockLength;
		this.rate = (float) rate;
		switch (rule) {
			case SGD -> {
			}
			case MOMENTUM -> momentum = (float) ((ClassicalMomentum) config).getMomentum();
			case NESTEROV -> {
				momentum = (float) ((Nesterovs) config).currentMomentum(iteration, epoch);
				momentumT = -momentum - 1;
			}
			case ADAM -> adam((Adam) config, iteration);
		}
	}

	/** updaterAdam.cpp: beta^(t+1) in float, the step size lr * sqrt(1 - beta2^t) / (1 - beta1^t) partly in double. */
	private void adam(Adam config, int iteration) {
		beta1 = (float) config.getBeta1();
		beta2 = (float) config.getBeta2();
		epsilon = (float) config.getEpsilon();
		float t = iteration;
		float beta1T = (float) Math.pow(beta1, t + 1);
		float beta2T = (float) Math.pow(beta2, t + 1);
		stepSize = (float) ((double) (rate * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
		if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0) {
			stepSize = epsilon;
		}
	}

	/** The regularization terms of the next range, in DL4J's order: usually none, or one of them. */
	void regularize(float[] beforeUpdater, float[] afterUpdater) {
		this.before = beforeUpdater;
		this.after = afterUpdater;
	}

	/** Updates parameters {@code [from, to)} of the block that starts at {@code blockStart}. */
	void run(FloatBuffer p, FloatBuffer g, FloatBuffer s, int from, int to, int blockStart, int stateStart) {
		boolean hasL2 = before.length > 0, hasDecay = after.length > 0;
		int state = stateStart - blockStart;
		switch (rule) {
			case SGD -> {
				for (int i = from; i < to; i++) {
					float w = p.get(i);
					float u = gradient(g, i, w, hasL2) * rate;
					finish(p, g, i, w, u, hasDecay);
				}
			}
			case MOMENTUM -> {
				for (int i = from; i < to; i++) {
					float w = p.get(i);
					float v = s.get(state + i) * momentum + gradient(g, i, w, hasL2);
					s.put(state + i, v);
					finish(p, g, i, w, v * rate, hasDecay);
				}
			}
			case NESTEROV -> {
				// updaterNesterovs.cpp: prev = mu * v0; v = prev - lr * g; u = prev + (-mu - 1) * v, with mu * v0 fused
				for (int i = from; i < to; i++) {
					float w = p.get(i);
					float v0 = s.get(state + i);
					float v = Math.fma(momentum, v0, -(rate * gradient(g, i, w, hasL2)));
					s.put(state + i, v);
					finish(p, g, i, w, Math.fma(momentum, v0, momentumT * v), hasDecay);
				}
			}
			case ADAM -> {
				// updaterAdam.cpp: m = b1 * m0 + g * (1 - b1); v = b2 * v0 + g * g * (1 - b2), each first product
				// fused; u = m * stepSize / (sqrt(v) + eps)
				int v = state + blockLength;
				for (int i = from; i < to; i++) {
					float w = p.get(i);
					float grad = gradient(g, i, w, hasL2);
					float m1 = Math.fma(beta1, s.get(state + i), grad * (1 - beta1));
					float m2 = Math.fma(beta2, s.get(v + i), grad * grad * (1 - beta2));
					s.put(state + i, m1);
					s.put(v + i, m2);
					finish(p, g, i, w, (m1 * stepSize) / ((float) Math.sqrt(m2) + epsilon), hasDecay);
				}
			}
		}
	}

	/** The averaged gradient, with L2 added as DL4J's Axpy adds it (before the updater), term by term. */
	private float gradient(FloatBuffer g, int i, float w, boolean hasL2) {
		float grad = g.get(i) / batch;
		if (hasL2) {
			for (float c : before) {
				grad = Math.fma(c, w, grad);
			}
		}
		return grad;
	}

	/** Weight decay added to the update (after the updater), the update subtracted, and kept for inspection. */
	private void finish(FloatBuffer p, FloatBuffer g, int i, float w, float update, boolean hasDecay) {
		float u = update;
		if (hasDecay) {
			for (float c : after) {
				u = Math.fma(c, w, u);
			}
		}
		p.put(i, w - u);
		g.put(i, u);
	}

}

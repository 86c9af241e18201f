package io.digits.training.fused;

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

	private final float rate;

	private float momentum, momentumT;

	private float beta1, beta2, epsilon, stepSize;

	/** Coefficients of the range being updated: L2 terms (before the updater), weight decay (after, times rate). */
	private float[] before = new float[0], after = new float[0];

	Kernel(FusedUpdater.Rule rule, IUpdater config, double rate, int iteration, int epoch, float batch) {
		this.rule = rule;
		this.batch = batch;
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

	/**
	 * Updates parameters {@code [from, to)}: {@code p} the parameters, {@code g} their summed gradient (left holding
	 * the update subtracted), {@code m} and {@code v} the state of each parameter at the parameter's own index (m
	 * alone for momentum and Nesterov). Done in passes over separate Java arrays, each pass a loop the JIT vectorises:
	 * one loop over direct buffers, with Adam's m and v in one buffer, was not vectorised and took 1.0-1.5 ms a step
	 * for the seed network against about 0.06 ms (issue 15). Each element goes through the operations of DL4J's step
	 * in its order, so the result is the same to the bit.
	 */
	void run(float[] p, float[] g, float[] m, float[] v, int from, int to) {
		averageAndL2(p, g, from, to);
		switch (rule) {
			case SGD -> {
				for (int i = from; i < to; i++) {
					g[i] = g[i] * rate;
				}
			}
			case MOMENTUM -> {
				for (int i = from; i < to; i++) {
					float velocity = m[i] * momentum + g[i];
					m[i] = velocity;
					g[i] = velocity * rate;
				}
			}
			case NESTEROV -> {
				// updaterNesterovs.cpp: prev = mu * v0; v = prev - lr * g; u = prev + (-mu - 1) * v, with mu * v0 fused
				for (int i = from; i < to; i++) {
					float v0 = m[i];
					float velocity = Math.fma(momentum, v0, -(rate * g[i]));
					m[i] = velocity;
					g[i] = Math.fma(momentum, v0, momentumT * velocity);
				}
			}
			case ADAM -> {
				// updaterAdam.cpp: m = b1 * m0 + g * (1 - b1); v = b2 * v0 + g * g * (1 - b2), each first product
				// fused; u = m * stepSize / (sqrt(v) + eps)
				float oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
				for (int i = from; i < to; i++) {
					float grad = g[i];
					float m1 = Math.fma(beta1, m[i], grad * oneMinusBeta1);
					float v1 = Math.fma(beta2, v[i], grad * grad * oneMinusBeta2);
					m[i] = m1;
					v[i] = v1;
					g[i] = (m1 * stepSize) / ((float) Math.sqrt(v1) + epsilon);
				}
			}
		}
		decayAndSubtract(p, g, from, to);
	}

	/** The averaged gradient, with L2 added as DL4J's Axpy adds it (before the updater), term by term. */
	private void averageAndL2(float[] p, float[] g, int from, int to) {
		float batch = this.batch;
		for (int i = from; i < to; i++) {
			g[i] = g[i] / batch;
		}
		for (float c : before) {
			for (int i = from; i < to; i++) {
				g[i] = Math.fma(c, p[i], g[i]);
			}
		}
	}

	/** Weight decay added to the update (after the updater, from the weights before it), then the update subtracted. */
	private void decayAndSubtract(float[] p, float[] g, int from, int to) {
		for (float c : after) {
			for (int i = from; i < to; i++) {
				g[i] = Math.fma(c, p[i], g[i]);
			}
		}
		for (int i = from; i < to; i++) {
			p[i] = p[i] - g[i];
		}
	}

}

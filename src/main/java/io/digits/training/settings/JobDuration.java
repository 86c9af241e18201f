package io.digits.training.settings;

import java.time.Duration;

/**
 * How long a job should train, estimated before it is accepted: each iteration pays a fixed overhead (ND4J's native
 * calls, about 30 µs each and about 15 per layer, plus gathering the batch) and a cost per sample and parameter (the
 * matrix products); each epoch adds the test-set evaluation. The constants are fitted to the measured figures of
 * docs/performance.md (2-core Xeon, 2026-11-27), not timed here:
 * <ul>
 * <li>the seed network (784-128-64-10, 3 layers, 109,386 parameters) over 60,000 samples: 5.01 s/epoch at batch 32,
 * 1.55 at 128, 0.82 at 512, about 0.1 s of it the evaluation. Batch 32 and 512 give 2.39 ms per iteration plus 0.066
 * ns per sample and parameter; the model then says 1.63 s at batch 128;</li>
 * <li>784-16-10 (2 layers) at batch 1 showed an ETA of 4.4 days for 3333 epochs: 1.9 ms per iteration. With the seed
 * network's 2.39 ms for 3 layers, that is 0.9 ms plus 0.5 ms per layer.</li>
 * </ul>
 * Another machine is faster or slower by a factor, not by orders of magnitude, which is what the bound is for.
 */
public record JobDuration(Duration perEpoch, int epochs) {

	static final double ITERATION_NANOS = 900_000, LAYER_NANOS = 500_000;

	static final double SAMPLE_PARAMETER_NANOS = 0.066;

	/** Both MNIST and Fashion-MNIST have 10,000 test images, evaluated after every epoch. */
	static final int TEST_SAMPLES = 10_000;

	public static JobDuration of(Hyperparameters h) {
		return of(h, h.trainLimit());
	}

	/** Over {@code trainingImages} an epoch: the dataset's and any extra ones. */
	public static JobDuration of(Hyperparameters h, int trainingImages) {
		int layers = h.hiddenLayers().size() + 1;
		double perIteration = ITERATION_NANOS + LAYER_NANOS * layers;
		double perSample = SAMPLE_PARAMETER_NANOS * h.parameterCount();
		double epochNanos = h.iterationsPerEpoch(trainingImages) * perIteration
				+ (double) (trainingImages + TEST_SAMPLES) * perSample;
		return new JobDuration(Duration.ofNanos(Math.round(epochNanos)), h.epochs());
	}

	public Duration total() {
		return perEpoch.multipliedBy(epochs);
	}

	/** The most epochs that fit in {@code limit}; 0 when not even one does. */
	public long epochsWithin(Duration limit) {
		return perEpoch.isZero() ? Long.MAX_VALUE : limit.toNanos() / perEpoch.toNanos();
	}

	/** A duration as people say it: 45 s, 12 min, 3.5 h, 4.4 days. */
	public static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 2 * 3600) {
			return Math.round(seconds / 60.0) + " min";
		}
		if (seconds < 48 * 3600) {
			return "%.1f h".formatted(seconds / 3600.0);
		}
		return "%.1f days".formatted(seconds / 86400.0);
	}

}

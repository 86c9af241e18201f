package io.digits.training.settings;

import java.time.Duration;

import io.digits.shared.InvalidFieldException;
import org.bytedeco.javacpp.Pointer;

/** The most work one job may ask for, so one request cannot take the machine for days or its memory. */
public final class TrainingBudget {

	private static final long MB = 1024 * 1024;

	private TrainingBudget() {
	}

	public static void check(Hyperparameters h, TrainingProperties limits) {
		check(h, limits, memoryLimit(limits, Pointer.maxBytes()));
	}

	static void check(Hyperparameters h, TrainingProperties limits, long memoryLimit) {
		if (h.batchSize() > h.trainLimit()) {
			throw new InvalidFieldException("batchSize", "batchSize %d is larger than the %d training samples used; "
				.formatted(h.batchSize(), h.trainLimit()) + "the allowed range is 1..%d".formatted(h.trainLimit()));
		}
		if (h.parameterCount() > limits.maxParameters()) {
			throw new InvalidFieldException("hiddenLayers", "hiddenLayers %s give %,d parameters; the limit is %,d"
				.formatted(h.hiddenLayers(), h.parameterCount(), limits.maxParameters()));
		}
		int images = trainingImagesAtMost(h, limits);
		long samples = (long) h.epochs() * images;
		if (samples > limits.maxSamplesPerJob()) {
			throw new InvalidFieldException("epochs", "epochs x training samples = %d x %d%s = %,d; the limit is %,d"
				.formatted(h.epochs(), images, withCaptures(h, limits), samples, limits.maxSamplesPerJob()));
		}
		checkMemory(h, images, memoryLimit);
		checkDuration(h, images, limits.maxJobDuration());
	}

	/**
	 * The images an epoch may train on: the dataset's first {@code trainLimit}, and the labelled captures at their bound,
	 * as how many there are is known only when the job starts.
	 */
	public static int trainingImagesAtMost(Hyperparameters h, TrainingProperties limits) {
		return h.trainLimit() + (h.labelledCaptures() ? limits.maxExtraImages() : 0);
	}

	private static String withCaptures(Hyperparameters h, TrainingProperties limits) {
		return h.labelledCaptures() ? " (%d of the dataset and up to %d labelled captures)".formatted(h.trainLimit(),
				limits.maxExtraImages()) : "";
	}

	/**
	 * The off-heap memory one job may need: {@code digits.training.max-job-memory} when set, else half of JavaCPP's
	 * {@code maxbytes}. Half, because the same off-heap budget holds what serving needs beside training: the loaded
	 * datasets (MNIST is 220 MB as float32, Fashion-MNIST as much), the active and recently used models, the forward
	 * passes of predictions, and the slack of DL4J's workspaces, which round up and outlive an iteration; and because
	 * the estimate is a floor. {@code maxbytes} is what the operator sized for off-heap use (jvm.options sets 2G, the
	 * container entrypoint a share of the container's memory), so the limit follows the machine without a setting of
	 * its own; ND4J's CPU arrays are not counted by JavaCPP, so nothing else would hold training to it. The job that
	 * broke the service (9.8M parameters, full batches of 60,000) needs an estimated 3 GB: refused under 2G's 1 GB.
	 * With several jobs training at once ({@code concurrency}), they share that half.
	 */
	static long memoryLimit(TrainingProperties limits, long javacppMaxBytes) {
		return limits.maxJobMemory() != null ? limits.maxJobMemory().toBytes()
				: javacppMaxBytes / 2 / limits.concurrency();
	}

	private static void checkMemory(Hyperparameters h, int images, long limit) {
		// extra images are copied with the dataset's behind them into a training set of the job's own
		JobMemory memory = h.labelledCaptures() ? JobMemory.of(h).withTrainingSetCopy(images) : JobMemory.of(h);
		if (memory.bytes() <= limit) {
			return;
		}
		String need = "hiddenLayers %s at batchSize %d need an estimated %,d MB off-heap to train; the limit is %,d MB"
			.formatted(h.hiddenLayers(), h.batchSize(), ceilMb(memory.bytes()), limit / MB);
		long largestBatch = memory.largestBatchWithin(limit);
		if (memory.batchDominates() && largestBatch >= 1) {
			throw new InvalidFieldException("batchSize", need + ": a batchSize up to %d fits".formatted(largestBatch));
		}
		throw new InvalidFieldException("hiddenLayers", need + ": use fewer or narrower hidden layers");
	}

	private static void checkDuration(Hyperparameters h, int images, Duration limit) {
		JobDuration duration = JobDuration.of(h, images);
		if (duration.total().compareTo(limit) <= 0) {
			return;
		}
		String need = "%d epochs of %d batches of %d samples would train for an estimated %s; the limit is %s"
			.formatted(h.epochs(), h.iterationsPerEpoch(images), h.batchSize(), JobDuration.describe(duration.total()),
					JobDuration.describe(limit));
		long epochs = duration.epochsWithin(limit);
		if (epochs >= 1) {
			throw new InvalidFieldException("epochs", need + ": epochs up to %d fit".formatted(epochs));
		}
		throw new InvalidFieldException("batchSize",
				need + ", and one epoch alone takes %s: raise batchSize".formatted(JobDuration.describe(duration.perEpoch())));
	}

	private static long ceilMb(long bytes) {
		return (bytes + MB - 1) / MB;
	}

}

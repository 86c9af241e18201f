package io.digits.training.fused;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.Loss;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.OutputActivation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which jobs the fused CPU step trains, decided from the job's hyperparameters before any network exists, with the
 * reason when it does not (the job then trains with DL4J's {@code fit}, and says so). What it covers, the step
 * computes exactly as DL4J does: dense layers of any widths; ReLU, leaky ReLU, ELU, tanh and sigmoid; a softmax
 * output with cross-entropy; SGD, Digits' classical momentum, Nesterov, Adam and AdamW; L2 and weight decay; the
 * constant and cosine schedules; any batch size, 1 included. {@link FusedDenseStep} checks the built network again,
 * from its own configuration, so a job this class lets through but whose network differs still fails loudly.
 */
public final class FusedSupport {

	private FusedSupport() {
	}

	/** Whether the fused step trains a job, and if not, why. */
	public record Verdict(boolean covered, String reason) {

		static Verdict yes() {
			return new Verdict(true,
					"dense layers, softmax with cross-entropy and an optimizer the fused step computes");
		}

		static Verdict no(String reason) {
			return new Verdict(false, reason);
		}

	}

	/** The verdict on the ND4J backend this process runs. */
	public static Verdict check(Hyperparameters h) {
		return check(h, Nd4j.getEnvironment().isCPU());
	}

	public static Verdict check(Hyperparameters h, boolean cpuBackend) {
		if (!cpuBackend) {
			return Verdict.no("the CUDA backend trains on the GPU with DL4J; the fused step is for CPUs");
		}
		if (h.outputActivation() != OutputActivation.SOFTMAX || h.loss() != Loss.CROSS_ENTROPY) {
			return Verdict.no("the fused step ends with softmax and cross-entropy only; %s with %s stays on DL4J "
				.formatted(wire(h.outputActivation()), wire(h.loss()))
					+ "(the deliberate mistakes are replayed as DL4J makes them)");
		}
		if (h.optimizer() == Optimizer.RMSPROP || h.optimizer() == Optimizer.ADAGRAD) {
			return Verdict.no("the fused step has no " + wire(h.optimizer()) + " updater; DL4J's is used");
		}
		if (h.dropout() > 0) {
			return Verdict.no("dropout: DL4J draws its masks from ND4J's native random generator, which the fused "
					+ "step cannot replay, so the same seed would give another model on each engine and a checkpoint "
					+ "would not resume the same across them");
		}
		return Verdict.yes();
	}

	/** An enum as the API spells it (lower kebab-case). */
	private static String wire(Enum<?> value) {
		return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}

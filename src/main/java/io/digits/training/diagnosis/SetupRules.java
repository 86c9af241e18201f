package io.digits.training.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.JobDuration;
import io.digits.training.settings.OutputActivation;
import io.digits.training.status.Finding;
import io.digits.training.status.Finding.Severity;

import static io.digits.training.diagnosis.Diagnosis.FEW_UPDATES;
import static io.digits.training.diagnosis.Diagnosis.HOPELESSLY_FEW_UPDATES;
import static io.digits.training.diagnosis.Diagnosis.LONG_JOB;
import static io.digits.training.diagnosis.Diagnosis.RARE_SHARE;
import static io.digits.training.diagnosis.Diagnosis.SMALL_TRAINING_SET;
import static io.digits.training.diagnosis.Diagnosis.evidence;

/** The rules that judge a job from its set-up alone: updates, output and loss, the classes in the training set. */
final class SetupRules {

	private SetupRules() {
	}

	static List<Finding> check(Hyperparameters h, int[] classCounts) {
		List<Finding> findings = new ArrayList<>();
		outputMismatch(h).ifPresent(findings::add);
		long updates = h.totalIterations();
		if (updates < FEW_UPDATES) {
			findings.add(new Finding("too-few-updates", updates < HOPELESSLY_FEW_UPDATES ? Severity.ERROR : Severity.WARNING,
					"Only %d parameter updates in all: %d epochs x %d batch%s of %d samples%s".formatted(updates,
							h.epochs(), h.iterationsPerEpoch(), h.iterationsPerEpoch() == 1 ? "" : "es", h.batchSize(),
							h.batchSize() >= h.trainLimit() ? " (full-batch training: one update per epoch)" : ""),
					evidence("updates", updates, "epochs", h.epochs(), "batchesPerEpoch", h.iterationsPerEpoch(),
							"batchSize", h.batchSize(), "trainingSamples", h.trainLimit()),
					"Each update moves the weights one small step; the seed network needs about %d to pass 90%%. Use "
							.formatted(FEW_UPDATES)
							+ "minibatches (batchSize 32 to 256 gives hundreds of updates per epoch) or far more epochs: "
							+ "full-batch SGD at 0.01 needs about 3000 steps to reach ~90%."));
		}
		longJob(h).ifPresent(findings::add);
		int missing = 0, rarest = Integer.MAX_VALUE, rarestDigit = -1;
		List<Integer> missingDigits = new ArrayList<>();
		for (int digit = 0; digit < classCounts.length; digit++) {
			if (classCounts[digit] == 0) {
				missing++;
				missingDigits.add(digit);
			}
			if (classCounts[digit] < rarest) {
				rarest = classCounts[digit];
				rarestDigit = digit;
			}
		}
		double fairShare = h.trainLimit() / (double) classCounts.length;
		if (missing > 0) {
			findings.add(new Finding("missing-classes", Severity.ERROR,
					"No training sample of %s among the first %d: the network can never predict %s".formatted(
							missingDigits, h.trainLimit(), missing == 1 ? "it" : "them"),
					evidence("trainingSamples", h.trainLimit(), "missingDigits", missingDigits), "Raise trainLimit."));
		}
		else if (rarest < fairShare * RARE_SHARE) {
			findings.add(new Finding("rare-classes", Severity.WARNING,
					"Digit %d has only %d of the %d training samples (a fair share is %.0f)".formatted(rarestDigit, rarest,
							h.trainLimit(), fairShare),
					evidence("digit", rarestDigit, "samples", rarest, "fairShare", Math.round(fairShare)),
					"Raise trainLimit so that every digit is well represented."));
		}
		if (h.trainLimit() < SMALL_TRAINING_SET && missing == 0) {
			findings.add(new Finding("small-training-set", Severity.WARNING,
					"Only %d training samples: too few to show how each digit can be written".formatted(h.trainLimit()),
					evidence("trainingSamples", h.trainLimit()),
					"Use at least %d samples; the whole set has 60,000.".formatted(SMALL_TRAINING_SET)));
		}
		return findings;
	}

	/** A job that would hold the training slot for a long time, by {@link JobDuration}'s estimate. */
	private static Optional<Finding> longJob(Hyperparameters h) {
		JobDuration estimate = JobDuration.of(h);
		if (estimate.total().compareTo(LONG_JOB) <= 0) {
			return Optional.empty();
		}
		return Optional.of(new Finding("long-job", Severity.WARNING,
				"Estimated to train for %s: %d epochs of %d batches of %d samples, %s per epoch".formatted(
						JobDuration.describe(estimate.total()), h.epochs(), h.iterationsPerEpoch(), h.batchSize(),
						JobDuration.describe(estimate.perEpoch())),
				evidence("estimatedSeconds", estimate.total().toSeconds(), "epochs", h.epochs(), "batchesPerEpoch",
						h.iterationsPerEpoch(), "batchSize", h.batchSize()),
				"The job holds a training slot all that time. Each batch costs about 2 ms whatever its size, so "
						+ "batchSize 64 to 256 trains an epoch far faster than batchSize 1; the presets reach 97-98.5% "
						+ "in a few minutes (GET /api/presets)."));
	}

	/**
	 * Output activations and losses that cannot train a classifier well. Softmax with cross-entropy and identity with
	 * softmax-cross-entropy are the right pairs; the others squash gradients or feed the log what is not a
	 * probability.
	 */
	private static Optional<Finding> outputMismatch(Hyperparameters h) {
		OutputActivation output = h.outputActivation();
		String problem = switch (h.loss()) {
			case SOFTMAX_CROSS_ENTROPY -> output == OutputActivation.IDENTITY ? null
					: "a %s output fed into a loss that applies softmax again (as PyTorch's CrossEntropyLoss does): the "
						.formatted(output.name().toLowerCase())
							+ "probabilities are squashed twice, the gradients shrink and the network learns very slowly";
			case CROSS_ENTROPY -> output == OutputActivation.SOFTMAX ? null
					: "cross-entropy needs probabilities that sum to 1, and a %s output does not give them"
						.formatted(output.name().toLowerCase());
			case MSE -> "squared error on a classifier's outputs gives tiny gradients when the network is confidently "
					+ "wrong, so it learns slowly";
		};
		if (problem == null) {
			return Optional.empty();
		}
		return Optional.of(new Finding("output-loss-mismatch", Severity.WARNING,
				"outputActivation %s with loss %s: %s".formatted(output.name().toLowerCase(),
						h.loss().name().toLowerCase().replace('_', '-'), problem),
				evidence("outputActivation", output, "loss", h.loss()),
				"Use outputActivation softmax with loss cross-entropy (the default), or identity with "
						+ "softmax-cross-entropy."));
	}

}

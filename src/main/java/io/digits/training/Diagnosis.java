package io.digits.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.training.Finding.Severity;

/**
 * Answers "why is my network performing poorly?" from a job's own numbers. Each rule's threshold is written beside it
 * with the reason for it. Rules on the set-up run when the job is submitted; rules on the loss curve and the epochs run
 * after every epoch and when asked.
 */
final class Diagnosis {

	/** ln 10: the cross-entropy of a network that gives each of the ten digits the same probability. */
	static final double CHANCE_LOSS = Math.log(10);

	/**
	 * Fewer parameter updates than this cannot train the seed network: with minibatches of 128 it passes 90% after
	 * about 500 updates (one epoch is 469), and full-batch SGD at 0.01 needs about 3000 to get there (the question's
	 * answer). Below 100 it is hopeless.
	 */
	static final long FEW_UPDATES = 1000, HOPELESSLY_FEW_UPDATES = 100;

	/** Curves shorter than this say too little about learning to judge it. */
	static final long ENOUGH_UPDATES_TO_JUDGE = 200;

	/**
	 * A mean loss still above 2.0 after enough updates means the right digit gets about e^-2 = 0.14 of the
	 * probability, hardly more than chance (0.10): the network is not learning.
	 */
	static final double STUCK_LOSS = 2.0;

	/** A loss that ends 10% above where it started has diverged. */
	static final double DIVERGENCE_RATIO = 1.1;

	/**
	 * Minibatch losses (32 samples or more) whose spread is over half their mean at the end of a job bounce between
	 * good and bad steps: the rate is too high to settle. Per-sample losses are always this noisy, so smaller batches
	 * are not judged.
	 */
	static final double OSCILLATION_RATIO = 0.5;

	static final int OSCILLATION_MIN_BATCH = 32;

	/**
	 * Below a mean loss of 0.1 (about 90% on the right digit) the spread is a few hard samples per batch, not a rate
	 * problem: a converged job bounces between 0.001 and 0.01.
	 */
	static final double OSCILLATION_MIN_LOSS = 0.1;

	/** After 500 updates a healthy job has cut its loss by far more than a quarter. */
	static final long SLOW_JUDGED_AFTER = 500;

	static final double SLOW_IMPROVEMENT = 0.25;

	/** Overfitting: the test loss ends 20% above its best while test accuracy ends half a point below its best. */
	static final double OVERFIT_LOSS_RISE = 1.2, OVERFIT_ACCURACY_DROP = 0.005;

	/** A hidden layer with more than half its ReLU units silent on a sample of 500 test digits is mostly dead. */
	static final double DEAD_FRACTION = 0.5;

	/** Fewer training samples than this cannot show every way each digit is written (MNIST has about 6000 each). */
	static final int SMALL_TRAINING_SET = 1000;

	/** A digit with less than half its fair share of the samples is rare. */
	static final double RARE_SHARE = 0.5;

	private Diagnosis() {
	}

	/** What the set-up alone shows, before any training. */
	static List<Finding> ofSetup(Hyperparameters h, int[] classCounts) {
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

	/** What training has shown so far: the set-up findings, then those on the curve and the epochs. */
	static List<Finding> of(TrainingJob job) {
		List<Finding> findings = new ArrayList<>(job.setupFindings());
		Hyperparameters h = job.hyperparameters();
		List<LossPoint> curve = job.lossHistory().points(1, Integer.MAX_VALUE);
		String error = job.view().error();
		if (error != null && error.contains("loss became")) {
			findings.add(new Finding("diverged", Severity.ERROR, "Training diverged: " + error,
					evidence("learningRate", h.learningRate(), "optimizer", h.optimizer()),
					"Lower the learning rate, by 10x to start with."));
			return findings;
		}
		if (curve.size() >= 20 && job.iteration() >= ENOUGH_UPDATES_TO_JUDGE) {
			int window = Math.max(1, curve.size() / 10);
			double first = meanLoss(curve.subList(0, window));
			List<LossPoint> tail = curve.subList(curve.size() - window, curve.size());
			double last = meanLoss(tail);
			if (last > first * DIVERGENCE_RATIO) {
				findings.add(new Finding("diverged", Severity.ERROR,
						"The loss grew from %.3f to %.3f: training is diverging".formatted(first, last),
						evidence("firstLoss", first, "lastLoss", last, "learningRate", h.learningRate()),
						"Lower the learning rate, by 10x to start with."));
			}
			else if (last >= STUCK_LOSS) {
				findings.add(new Finding("stuck-at-chance", Severity.ERROR,
						"After %d updates the loss is %.3f, near ln 10 = %.3f, the loss of guessing: the network is not learning"
							.formatted(job.iteration(), last, CHANCE_LOSS),
						evidence("updates", job.iteration(), "loss", last, "chanceLoss", CHANCE_LOSS),
						"Check the learning rate (too low to move, or so high the network saturated), the activation and the "
								+ "weight initialisation, and that the output is softmax with cross-entropy."));
			}
			else {
				double spread = standardDeviation(tail, last);
				if (h.batchSize() >= OSCILLATION_MIN_BATCH && last > OSCILLATION_MIN_LOSS && spread > last * OSCILLATION_RATIO) {
					findings.add(new Finding("learning-rate-too-high", Severity.WARNING,
							"The loss oscillates: at the end it is %.3f +/- %.3f from batch to batch".formatted(last, spread),
							evidence("loss", last, "spread", spread, "learningRate", h.learningRate()),
							"Lower the learning rate, or let it decay (learningRateSchedule: cosine)."));
				}
				if (job.iteration() >= SLOW_JUDGED_AFTER && (first - last) / first < SLOW_IMPROVEMENT) {
					findings.add(new Finding("learning-rate-too-low", Severity.WARNING,
							"After %d updates the loss only fell from %.3f to %.3f".formatted(job.iteration(), first, last),
							evidence("updates", job.iteration(), "firstLoss", first, "lastLoss", last, "learningRate",
									h.learningRate()),
							"Raise the learning rate (10x), or use Adam, which adapts the step to each weight."));
				}
			}
		}
		overfitting(job.view().epochs()).ifPresent(findings::add);
		deadUnits(h, job.view().epochs()).ifPresent(findings::add);
		return findings;
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

	private static Optional<Finding> overfitting(List<EpochSummary> epochs) {
		if (epochs.size() < 3) {
			return Optional.empty();
		}
		EpochSummary best = epochs.get(0), bestAccuracy = epochs.get(0), last = epochs.get(epochs.size() - 1);
		for (EpochSummary epoch : epochs) {
			best = epoch.testLoss() < best.testLoss() ? epoch : best;
			bestAccuracy = epoch.testAccuracy() > bestAccuracy.testAccuracy() ? epoch : bestAccuracy;
		}
		if (last.testLoss() > best.testLoss() * OVERFIT_LOSS_RISE && last.trainLoss() < best.trainLoss()
				&& last.testAccuracy() < bestAccuracy.testAccuracy() - OVERFIT_ACCURACY_DROP) {
			return Optional.of(new Finding("overfitting", Severity.WARNING,
					"The test loss rose from %.3f (epoch %d) to %.3f while the training loss fell to %.3f; test accuracy fell from %.2f%% to %.2f%%"
						.formatted(best.testLoss(), best.epoch(), last.testLoss(), last.trainLoss(),
								100 * bestAccuracy.testAccuracy(), 100 * last.testAccuracy()),
					evidence("bestEpoch", best.epoch(), "bestTestLoss", best.testLoss(), "lastTestLoss", last.testLoss(),
							"lastTrainLoss", last.trainLoss(), "bestTestAccuracy", bestAccuracy.testAccuracy(),
							"lastTestAccuracy", last.testAccuracy()),
					"Stop near epoch %d, add dropout (0.2) or l2 (1e-4), or train on more samples.".formatted(best.epoch())));
		}
		return Optional.empty();
	}

	private static Optional<Finding> deadUnits(Hyperparameters h, List<EpochSummary> epochs) {
		if (epochs.isEmpty() || epochs.get(epochs.size() - 1).deadUnits() == null) {
			return Optional.empty();
		}
		List<Double> dead = epochs.get(epochs.size() - 1).deadUnits();
		for (int layer = 0; layer < dead.size(); layer++) {
			if (dead.get(layer) > DEAD_FRACTION) {
				return Optional.of(new Finding("dead-units", Severity.WARNING,
						"%.0f%% of the %d ReLU units of hidden layer %d never fire on a sample of test digits".formatted(
								100 * dead.get(layer), h.hiddenLayers().get(layer), layer + 1),
						evidence("layer", layer + 1, "deadFraction", dead.get(layer), "units", h.hiddenLayers().get(layer)),
						"Lower the learning rate (large steps push units where they never recover), or use leakyrelu or elu."));
			}
		}
		return Optional.empty();
	}

	private static double meanLoss(List<LossPoint> points) {
		return points.stream().mapToDouble(LossPoint::loss).average().orElse(Double.NaN);
	}

	private static double standardDeviation(List<LossPoint> points, double mean) {
		double sum = 0;
		for (LossPoint point : points) {
			sum += (point.loss() - mean) * (point.loss() - mean);
		}
		return Math.sqrt(sum / Math.max(1, points.size() - 1));
	}

	private static Map<String, Object> evidence(Object... pairs) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			evidence.put((String) pairs[i], pairs[i + 1]);
		}
		return evidence;
	}

}

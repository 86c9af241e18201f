package io.digits.training.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.Finding;
import io.digits.training.status.Finding.Severity;
import io.digits.training.status.LossPoint;

import static io.digits.training.diagnosis.Diagnosis.BLOW_UP_RATIO;
import static io.digits.training.diagnosis.Diagnosis.BLOW_UP_WINDOW_MIN_UPDATES;
import static io.digits.training.diagnosis.Diagnosis.BLOW_UP_WINDOW_SAMPLES;
import static io.digits.training.diagnosis.Diagnosis.CHANCE_LOSS;
import static io.digits.training.diagnosis.Diagnosis.DEAD_FRACTION;
import static io.digits.training.diagnosis.Diagnosis.DIVERGENCE_RATIO;
import static io.digits.training.diagnosis.Diagnosis.ENOUGH_UPDATES_TO_JUDGE;
import static io.digits.training.diagnosis.Diagnosis.OSCILLATION_MIN_BATCH;
import static io.digits.training.diagnosis.Diagnosis.OSCILLATION_MIN_LOSS;
import static io.digits.training.diagnosis.Diagnosis.OSCILLATION_RATIO;
import static io.digits.training.diagnosis.Diagnosis.OVERFIT_ACCURACY_DROP;
import static io.digits.training.diagnosis.Diagnosis.OVERFIT_LOSS_RISE;
import static io.digits.training.diagnosis.Diagnosis.SLOW_IMPROVEMENT;
import static io.digits.training.diagnosis.Diagnosis.SLOW_JUDGED_AFTER;
import static io.digits.training.diagnosis.Diagnosis.STUCK_LOSS;
import static io.digits.training.diagnosis.Diagnosis.evidence;

/** The rules that judge a job from what training showed: the loss curve, the failure, the epochs' test results. */
final class TrainingRules {

	private TrainingRules() {
	}

	static List<Finding> check(TrainingEvidence job) {
		List<Finding> findings = new ArrayList<>(job.setupFindings());
		Hyperparameters h = job.hyperparameters();
		List<LossPoint> curve = job.curve();
		if (job.failure() == FailureCause.DIVERGED) {
			findings.add(new Finding("diverged", Severity.ERROR, "Training diverged: " + job.error(),
					evidence("learningRate", h.learningRate(), "optimizer", h.optimizer()),
					"Lower the learning rate, by 10x to start with."));
			return findings;
		}
		Optional<Finding> blownUp = blownUp(h, curve);
		if (blownUp.isPresent()) {
			findings.add(blownUp.get());
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
		overfitting(job.epochs()).ifPresent(findings::add);
		deadUnits(h, job.epochs()).ifPresent(findings::add);
		return findings;
	}

	/** The loss jumped far above where it started: judged from the first updates on, so a blow-up stops a job early. */
	private static Optional<Finding> blownUp(Hyperparameters h, List<LossPoint> curve) {
		int window = Math.max(BLOW_UP_WINDOW_MIN_UPDATES, (BLOW_UP_WINDOW_SAMPLES + h.batchSize() - 1) / h.batchSize());
		if (curve.size() < window + 1) {
			return Optional.empty();
		}
		double start = curve.get(0).loss(), sum = 0;
		for (int i = 0; i < curve.size(); i++) {
			sum += curve.get(i).loss();
			if (i >= window) {
				sum -= curve.get(i - window).loss();
			}
			double mean = sum / window;
			if (i >= window - 1 && mean > start * BLOW_UP_RATIO) {
				return Optional.of(new Finding("diverged", Severity.ERROR,
						"The loss blew up: from %.3f at the first update to a mean of %.3f over updates %d to %d"
							.formatted(start, mean, curve.get(i - window + 1).iteration(), curve.get(i).iteration()),
						evidence("firstLoss", start, "peakLoss", mean, "learningRate", h.learningRate(), "optimizer",
								h.optimizer()),
						"Lower the learning rate, by 10x to start with."));
			}
		}
		return Optional.empty();
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

}

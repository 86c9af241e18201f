package io.digits.training.loop;

import java.util.List;
import java.util.Optional;

import io.digits.training.settings.Metric;
import io.digits.training.settings.StoppingRules;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.StopReason;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stopping rules a run judges itself by, from its own numbers: early stopping (with the best epoch's weights kept
 * in memory for {@code restoreBest}), a target, and a time limit. The diagnosis and a sweep's rungs are the job's to
 * judge ({@link TrainingRun#afterEpoch}).
 * <p>
 * A resumed run counts patience and time from the epochs recorded before the interruption, so it stops where it would
 * have; the best weights, in memory only, are those of the epochs trained since the resume.
 */
final class OwnStoppingRules implements AutoCloseable {

	private final StoppingRules rules;

	private final double secondsBefore;

	private int bestEpoch;

	private double bestValue = Double.NaN;

	private int epochsWithoutImprovement;

	/** A copy of the parameters after {@link #bestEpoch}, when restoreBest asks for it and that epoch ran here. */
	private INDArray bestParameters;

	OwnStoppingRules(StoppingRules rules, List<EpochSummary> recorded) {
		this.rules = rules;
		this.secondsBefore = recorded.stream().mapToDouble(EpochSummary::seconds).sum();
		StoppingRules.EarlyStopping early = rules.earlyStopping();
		if (early != null) {
			recorded.forEach(epoch -> judge(epoch.value(early.monitor()), epoch.epoch(), early));
		}
	}

	/** Training time so far (the recorded epochs' and {@code secondsThisRun}) is past {@code maxSeconds}. */
	Optional<StopReason> outOfTime(int epoch, double secondsThisRun) {
		if (rules.maxSeconds() == null) {
			return Optional.empty();
		}
		double seconds = secondsBefore + secondsThisRun;
		if (seconds < rules.maxSeconds()) {
			return Optional.empty();
		}
		return Optional.of(new StopReason("max-seconds", epoch, "seconds", seconds, (double) rules.maxSeconds(),
				"Stopped in epoch %d after %.1f s of training: maxSeconds is %d".formatted(epoch, seconds,
						rules.maxSeconds())));
	}

	/** After the epoch's evaluation ({@code secondsThisRun} counting it): a reason to stop, when a rule fires. */
	Optional<StopReason> afterEpoch(EpochSummary summary, double secondsThisRun, MultiLayerNetwork network) {
		StoppingRules.EarlyStopping early = rules.earlyStopping();
		if (early != null) {
			if (judge(summary.value(early.monitor()), summary.epoch(), early) && early.restoreBest()) {
				keepBest(network);
			}
			if (epochsWithoutImprovement >= early.patience()) {
				return Optional.of(new StopReason("early-stopping", summary.epoch(), early.monitor().wireName(),
						summary.value(early.monitor()), bestValue,
						"%s has not improved by more than %s for %d epochs: best %.4f at epoch %d, %.4f now".formatted(
								early.monitor().wireName(), early.minDelta(), epochsWithoutImprovement, bestValue,
								bestEpoch, summary.value(early.monitor()))));
			}
		}
		StoppingRules.StopWhen target = rules.stopWhen();
		if (target != null && target.testAccuracy() != null && summary.testAccuracy() >= target.testAccuracy()) {
			return Optional.of(reached(summary, Metric.TEST_ACCURACY, target.testAccuracy()));
		}
		if (target != null && target.testLoss() != null && summary.testLoss() <= target.testLoss()) {
			return Optional.of(reached(summary, Metric.TEST_LOSS, target.testLoss()));
		}
		return outOfTime(summary.epoch(), secondsThisRun);
	}

	private static StopReason reached(EpochSummary summary, Metric metric, double target) {
		return new StopReason("stop-when", summary.epoch(), metric.wireName(), summary.value(metric), target,
				"%s reached %.4f after epoch %d: the target was %s".formatted(metric.wireName(), summary.value(metric),
						summary.epoch(), target));
	}

	/** Counts the epoch; true when it is the new best. */
	private boolean judge(double value, int epoch, StoppingRules.EarlyStopping early) {
		if (bestEpoch == 0 || early.monitor().improves(value, bestValue, early.minDelta())) {
			bestEpoch = epoch;
			bestValue = value;
			epochsWithoutImprovement = 0;
			return true;
		}
		epochsWithoutImprovement++;
		return false;
	}

	private void keepBest(MultiLayerNetwork network) {
		if (bestParameters == null) {
			bestParameters = network.params().dup();
		}
		else {
			bestParameters.assign(network.params());
		}
	}

	/**
	 * Puts the best epoch's weights back when restoreBest asks for it and they are not the network's already: true
	 * when it did (the caller evaluates the network again).
	 */
	boolean restoreBest(MultiLayerNetwork network, int lastEpoch) {
		StoppingRules.EarlyStopping early = rules.earlyStopping();
		if (early == null || !early.restoreBest() || bestParameters == null || bestEpoch == lastEpoch) {
			return false;
		}
		network.params().assign(bestParameters);
		return true;
	}

	@Override
	public void close() {
		if (bestParameters != null && bestParameters.closeable()) {
			bestParameters.close();
		}
		bestParameters = null;
	}

}

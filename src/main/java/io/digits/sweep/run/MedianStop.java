package io.digits.sweep.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.digits.sweep.plan.SweepSpec;
import io.digits.training.status.StopReason;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017): after minEpochs, a trial whose best result so
 * far is worse than the median of the other trials' best results by the same epoch is stopped. Judged once at least
 * {@value #OTHERS} other trials have reached that epoch.
 */
final class MedianStop {

	static final int OTHERS = 3;

	private final SweepSpec spec;

	MedianStop(SweepSpec spec) {
		this.spec = spec;
	}

	Optional<StopReason> judge(TrialResult trial, int epoch, List<TrialResult> all) {
		if (epoch < spec.minEpochs()) {
			return Optional.empty();
		}
		double own = bestBy(trial, epoch);
		List<Double> others = all.stream()
			.filter(other -> other.index() != trial.index() && other.at(epoch).isPresent())
			.map(other -> bestBy(other, epoch))
			.sorted()
			.toList();
		if (others.size() < OTHERS) {
			return Optional.empty();
		}
		int n = others.size();
		double median = n % 2 == 1 ? others.get(n / 2) : (others.get(n / 2 - 1) + others.get(n / 2)) / 2;
		if (!spec.better(median, own)) {
			return Optional.empty();
		}
		String metric = spec.metric().wireName();
		return Optional.of(new StopReason("median", epoch, metric, own, median, String.format(Locale.ROOT,
				"best %s %.4f by epoch %d is worse than the median %.4f of the %d other trials by that epoch", metric, own,
				epoch, median, n)));
	}

	private double bestBy(TrialResult trial, int epoch) {
		return trial.epochs().stream()
			.filter(summary -> summary.epoch() <= epoch)
			.map(summary -> summary.value(spec.metric()))
			.reduce((a, b) -> spec.better(a, b) ? a : b)
			.orElseThrow();
	}

}

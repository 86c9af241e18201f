package io.digits.sweep.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.plan.TrialStoppingType;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.StopReason;

/**
 * Asynchronous successive halving as published (Li et al., "A System for Massively Parallel Hyperparameter Tuning",
 * MLSys 2020): rungs at minEpochs x reductionFactor^k epochs, below a trial's last epoch; a trial goes past a rung
 * only when its result there is in the best 1/reductionFactor of the results the rung holds (rounded down: with fewer
 * than reductionFactor results, none goes on yet). Results are ranked by the objective, ties by test loss.
 */
public final class Asha {

	private final SweepSpec spec;

	Asha(SweepSpec spec) {
		this.spec = spec;
	}

	/** The rungs of a trial of {@code epochs} epochs under this spec (none unless it stops trials by ASHA). */
	public static List<Integer> rungs(SweepSpec spec, int epochs) {
		return spec.stopping() == TrialStoppingType.ASHA ? new Asha(spec).rungs(epochs) : List.of();
	}

	/** The rungs of a trial of {@code epochs} epochs. */
	List<Integer> rungs(int epochs) {
		List<Integer> rungs = new ArrayList<>();
		for (long rung = spec.minEpochs(); rung < epochs; rung *= spec.reductionFactor()) {
			rungs.add((int) rung);
		}
		return rungs;
	}

	boolean isRung(int epoch, int epochs) {
		return rungs(epochs).contains(epoch);
	}

	/** What a rung holds now and where its cut lies. */
	record Standing(int rung, int results, int goingOn, int rank, EpochSummary result, Optional<EpochSummary> cutoff) {

		boolean goesOn() {
			return rank < goingOn;
		}

	}

	/** Where {@code trial}'s result after {@code rung} epochs stands among every trial's result there. */
	Standing standing(TrialResult trial, int rung, List<TrialResult> all) {
		Comparator<EpochSummary> bestFirst = TrialResult.bestFirst(spec);
		List<EpochSummary> results = new ArrayList<>();
		all.forEach(other -> other.at(rung).ifPresent(results::add));
		results.sort(bestFirst);
		EpochSummary own = trial.at(rung).orElseThrow();
		int goingOn = results.size() / spec.reductionFactor();
		int rank = 0;
		while (rank < results.size() && bestFirst.compare(results.get(rank), own) < 0) {
			rank++;
		}
		return new Standing(rung, results.size(), goingOn, rank, own,
				goingOn == 0 ? Optional.empty() : Optional.of(results.get(goingOn - 1)));
	}

	/** Why a trial waits at a rung, or was stopped there, in words. */
	StopReason reason(String rule, Standing standing, boolean waiting) {
		String metric = spec.metric().wireName();
		double value = standing.result().value(spec.metric());
		String epochs = standing.rung() == 1 ? "1 epoch" : standing.rung() + " epochs";
		String share = "1/" + spec.reductionFactor();
		String message;
		if (standing.cutoff().isEmpty()) {
			message = String.format(Locale.ROOT,
					"%s %.4f after %s: the rung holds %d trial%s, too few for its best %s to go on", metric, value, epochs,
					standing.results(), standing.results() == 1 ? "" : "s", share);
		}
		else {
			message = String.format(Locale.ROOT, "%s %.4f after %s is worse than the rung's cutoff %.4f (best %s of %d trials)",
					metric, value, epochs, standing.cutoff().get().value(spec.metric()), share, standing.results());
		}
		message += waiting ? ": waiting, checkpointed, to go on if it rises into the best " + share
				: ": stopped, as the sweep ended";
		return new StopReason(rule, standing.rung(), metric, value,
				standing.cutoff().map(cutoff -> cutoff.value(spec.metric())).orElse(null), message);
	}

}

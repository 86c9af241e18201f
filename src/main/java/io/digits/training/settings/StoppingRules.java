package io.digits.training.settings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * When a job stops before its last epoch, besides a cancellation: every rule is optional, and the first that fires
 * ends the job with a stop reason saying which and why.
 *
 * @param earlyStopping stop when the monitored metric has not improved for {@code patience} epochs
 * @param stopWhen stop once the test accuracy reaches, or the test loss falls to, a target
 * @param maxSeconds stop after this much training (updates and evaluations; queued and paused time left out)
 * @param stopOnDiagnosis stop, without a model, as soon as the diagnosis finds one of these (by code)
 */
public record StoppingRules(EarlyStopping earlyStopping, StopWhen stopWhen, Integer maxSeconds,
		List<String> stopOnDiagnosis) {

	public static final StoppingRules NONE = new StoppingRules(null, null, null, List.of());

	public StoppingRules {
		stopOnDiagnosis = stopOnDiagnosis == null ? List.of() : List.copyOf(stopOnDiagnosis);
	}

	@JsonIgnore
	public boolean isEmpty() {
		return earlyStopping == null && stopWhen == null && maxSeconds == null && stopOnDiagnosis.isEmpty();
	}

	/**
	 * @param restoreBest register the best epoch's weights (kept in memory while training), not the last ones
	 */
	public record EarlyStopping(Metric monitor, int patience, double minDelta, boolean restoreBest) {
	}

	/** Targets; either may be null. */
	public record StopWhen(Double testAccuracy, Double testLoss) {
	}

}

package io.digits.sweep.run;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.digits.model.ModelService;
import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.store.SweepRecord;
import io.digits.sweep.store.SweepState;
import io.digits.sweep.store.SweepStore;
import io.digits.training.job.TrainingJob;
import io.digits.training.job.TrialControl;
import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Ends a sweep with nothing left to run: the trials still waiting at a rung are stopped early, saying where they stood,
 * the best trial with a model is named (and its model activated when asked), and the sweep is SUCCEEDED, or FAILED
 * when no trial left a model.
 */
@Component
class SweepEnding {

	private static final Logger log = LoggerFactory.getLogger(SweepEnding.class);

	private final SweepStore store;

	private final TrialControl control;

	private final ModelService models;

	private final Clock clock;

	SweepEnding(SweepStore store, TrialControl control, ModelService models, Clock clock) {
		this.store = store;
		this.control = control;
		this.models = models;
		this.clock = clock;
	}

	void end(SweepRecord sweep, List<TrainingJob> trials) {
		SweepSpec spec = sweep.spec();
		Asha asha = new Asha(spec);
		List<TrialResult> all = SweepTrials.results(trials);
		for (TrainingJob trial : trials) {
			if (trial.state() == JobState.PAUSED) {
				TrialResult result = SweepTrials.result(trial);
				StopReason why = asha.reason("asha", asha.standing(result, result.epochsDone(), all), false);
				control.stopEarly(trial, why);
			}
		}
		Optional<TrainingJob> best = SweepTrials.best(spec, trials);
		String activated = null;
		if (best.isPresent() && spec.activateBest()) {
			try {
				activated = models.activate(best.get().view().modelId()).id();
			}
			catch (RuntimeException ex) {
				log.warn("Sweep {} could not activate its best model: {}", sweep.id(), ex.toString());
			}
		}
		SweepRecord ended = best.isPresent()
				? sweep.ended(SweepState.SUCCEEDED, clock.instant(), best.get().id(), activated, null)
				: sweep.ended(SweepState.FAILED, clock.instant(), null, null,
						"no trial finished with a model: every one failed, was cancelled or was stopped early");
		store.save(ended);
		log.info("Sweep {} {}: best trial {}", sweep.id(), ended.state(), ended.bestJobId());
	}

}

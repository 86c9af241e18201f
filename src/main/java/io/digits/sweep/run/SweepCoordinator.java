package io.digits.sweep.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.plan.TrialPlanner;
import io.digits.sweep.plan.TrialStoppingType;
import io.digits.sweep.store.PlannedTrial;
import io.digits.sweep.store.SweepRecord;
import io.digits.sweep.store.SweepState;
import io.digits.sweep.store.SweepStore;
import io.digits.training.JobService;
import io.digits.training.QueueFullException;
import io.digits.training.job.TrainingJob;
import io.digits.training.job.TrialControl;
import io.digits.training.job.TrialGate;
import io.digits.training.loop.EpochVerdict;
import io.digits.training.settings.TrialOf;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Runs sweeps through their trials' lives. After each epoch of a trial it decides whether the trial goes on (ASHA's
 * rungs, the median rule); whenever a trial pauses or ends it lets waiting trials go on, starts the next planned ones
 * up to maxConcurrent, and ends the sweep when nothing is left to run. Every decision for a sweep is taken under its
 * lock ({@link SweepStore#locked}), on whichever replica trains the trial; {@link #reconcile} is also run every few
 * seconds for every unfinished sweep, so one that missed a word (a crash between a trial's end and the next start)
 * goes on.
 */
@Component
public class SweepCoordinator implements TrialGate {

	private static final Logger log = LoggerFactory.getLogger(SweepCoordinator.class);

	private final SweepStore store;

	private final JobService jobs;

	private final TrialControl control;

	private final SweepEnding ending;

	private final JsonMapper json;

	SweepCoordinator(SweepStore store, JobService jobs, TrialControl control, SweepEnding ending, JsonMapper json) {
		this.store = store;
		this.jobs = jobs;
		this.control = control;
		this.ending = ending;
		this.json = json;
	}

	@Override
	public EpochVerdict afterEpoch(TrialOf trial, String jobId, EpochSummary summary) {
		return store.locked(trial.sweepId(), () -> store.read(trial.sweepId())
			.filter(sweep -> !sweep.state().isFinal())
			.map(sweep -> decide(sweep, jobId, summary))
			.orElse(EpochVerdict.GO_ON));
	}

	private EpochVerdict decide(SweepRecord sweep, String jobId, EpochSummary summary) {
		SweepSpec spec = sweep.spec();
		if (spec.stopping() == TrialStoppingType.NONE) {
			return EpochVerdict.GO_ON;
		}
		List<TrialResult> all = new ArrayList<>(SweepTrials.results(SweepTrials.jobs(jobs, sweep)));
		TrialResult self = all.stream().filter(result -> result.jobId().equals(jobId)).findFirst().orElse(null);
		if (self == null) {
			return EpochVerdict.GO_ON;
		}
		// in the shared store another replica may not see this epoch yet: the trial's own word is the latest
		self = withEpoch(self, summary);
		all.replaceAll(result -> result.jobId().equals(jobId) ? withEpoch(result, summary) : result);
		if (spec.stopping() == TrialStoppingType.MEDIAN) {
			return new MedianStop(spec).judge(self, summary.epoch(), all)
				.map(EpochVerdict::stopWithoutModel)
				.orElse(EpochVerdict.GO_ON);
		}
		Asha asha = new Asha(spec);
		if (!asha.isRung(summary.epoch(), self.plannedEpochs())) {
			return EpochVerdict.GO_ON;
		}
		Asha.Standing standing = asha.standing(self, summary.epoch(), all);
		return standing.goesOn() ? EpochVerdict.GO_ON : EpochVerdict.pause(asha.reason("asha", standing, true));
	}

	private static TrialResult withEpoch(TrialResult result, EpochSummary summary) {
		List<EpochSummary> epochs = new ArrayList<>(result.epochs());
		epochs.removeIf(epoch -> epoch.epoch() >= summary.epoch());
		epochs.add(summary);
		return new TrialResult(result.index(), result.jobId(), result.state(), epochs, result.plannedEpochs());
	}

	@Override
	public void trialChanged(TrialOf trial, String jobId) {
		reconcile(trial.sweepId());
	}

	/** Lets waiting trials go on, starts planned ones, and ends the sweep when nothing is left. */
	public void reconcile(String sweepId) {
		store.locked(sweepId, () -> {
			store.read(sweepId).filter(sweep -> !sweep.state().isFinal()).ifPresent(this::advance);
			return null;
		});
	}

	private void advance(SweepRecord sweep) {
		SweepSpec spec = sweep.spec();
		List<TrainingJob> started = SweepTrials.jobs(jobs, sweep);
		long active = started.stream().filter(job -> job.state() == JobState.QUEUED || job.state() == JobState.RUNNING)
			.count();
		if (spec.stopping() == TrialStoppingType.ASHA) {
			for (TrainingJob waiting : promotable(spec, started)) {
				if (active >= spec.maxConcurrent()) {
					break;
				}
				if (control.goOn(waiting)) {
					active++;
				}
			}
		}
		for (PlannedTrial planned : sweep.trials()) {
			if (active >= spec.maxConcurrent()) {
				break;
			}
			if (planned.jobId() != null) {
				continue;
			}
			Optional<TrainingJob> trial = start(sweep, planned);
			if (trial.isEmpty()) {
				break;
			}
			sweep = sweep.withTrialStarted(planned.index(), trial.get().id());
			store.save(sweep);
			active++;
		}
		boolean anyStarted = started.stream().anyMatch(job -> job.state() != JobState.QUEUED);
		if (anyStarted && sweep.state() == SweepState.QUEUED) {
			sweep = sweep.withState(SweepState.RUNNING);
			store.save(sweep);
		}
		boolean allStarted = sweep.trials().stream().allMatch(planned -> planned.jobId() != null);
		if (active == 0 && allStarted) {
			ending.end(sweep, SweepTrials.jobs(jobs, sweep));
		}
	}

	private Optional<TrainingJob> start(SweepRecord sweep, PlannedTrial planned) {
		try {
			TrainingJob job = jobs.submitTrial(TrialPlanner.trialRequest(json, sweep.spec().base(), planned.parameters()),
					new TrialOf(sweep.id(), planned.index()));
			log.info("Sweep {} started trial {} as job {}: {}", sweep.id(), planned.index(), job.id(),
					planned.parameters());
			return Optional.of(job);
		}
		catch (QueueFullException ex) {
			// tried again at the next change or reconciliation
			log.info("Sweep {} waits for room in the queue to start trial {}", sweep.id(), planned.index());
			return Optional.empty();
		}
	}

	/** Paused trials whose rung now lets them go on, the highest rung first. */
	private static List<TrainingJob> promotable(SweepSpec spec, List<TrainingJob> started) {
		Asha asha = new Asha(spec);
		List<TrialResult> all = SweepTrials.results(started);
		return started.stream()
			.filter(job -> job.state() == JobState.PAUSED)
			.filter(job -> {
				TrialResult trial = SweepTrials.result(job);
				return trial.epochsDone() > 0 && asha.standing(trial, trial.epochsDone(), all).goesOn();
			})
			.sorted(Comparator.comparingInt((TrainingJob job) -> job.progress().epoch()).reversed())
			.toList();
	}

}

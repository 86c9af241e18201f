package io.digits.sweep.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.store.PlannedTrial;
import io.digits.sweep.store.SweepRecord;
import io.digits.training.JobNotFoundException;
import io.digits.training.JobService;
import io.digits.training.job.TrainingJob;
import io.digits.training.status.JobState;

/** A sweep's started trials, read from their jobs. */
public final class SweepTrials {

	private SweepTrials() {
	}

	/** Each started trial's job, in plan order; a job no longer stored (retention) is left out. */
	public static List<TrainingJob> jobs(JobService jobs, SweepRecord sweep) {
		List<TrainingJob> started = new ArrayList<>();
		for (PlannedTrial trial : sweep.trials()) {
			job(jobs, trial).ifPresent(started::add);
		}
		return started;
	}

	public static Optional<TrainingJob> job(JobService jobs, PlannedTrial trial) {
		if (trial.jobId() == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(jobs.get(trial.jobId()));
		}
		catch (JobNotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The trial with a model whose last epoch scores best on the objective, ties broken by the lower test loss: the
	 * sweep's answer when it ends, and its best so far before.
	 */
	public static Optional<TrainingJob> best(SweepSpec spec, List<TrainingJob> trials) {
		Comparator<TrainingJob> bestFirst = Comparator.comparing(
				(TrainingJob job) -> result(job).last().orElseThrow(), TrialResult.bestFirst(spec));
		return trials.stream()
			.filter(job -> job.state() == JobState.SUCCEEDED && job.view().modelId() != null)
			.filter(job -> !job.progress().epochs().isEmpty())
			.min(bestFirst);
	}

	static TrialResult result(TrainingJob job) {
		return new TrialResult(job.trial().orElseThrow().index(), job.id(), job.state(), job.progress().epochs(),
				job.hyperparameters().epochs());
	}

	static List<TrialResult> results(List<TrainingJob> jobs) {
		return jobs.stream().map(SweepTrials::result).toList();
	}

}

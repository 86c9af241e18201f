package io.digits.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.run.SweepTrials;
import io.digits.sweep.store.PlannedTrial;
import io.digits.sweep.store.SweepRecord;
import io.digits.training.job.TrainingJob;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobView;

/** Puts a sweep's record and its trials' jobs together as the API shows them. */
final class SweepViews {

	static final String PLANNED = "PLANNED";

	private SweepViews() {
	}

	static SweepView of(SweepRecord sweep, List<TrainingJob> started) {
		Map<String, JobView> jobs = started.stream().map(TrainingJob::view)
			.collect(Collectors.toMap(JobView::id, Function.identity()));
		List<TrialView> trials = new ArrayList<>(sweep.trials().size());
		int epochsTrained = 0;
		for (PlannedTrial planned : sweep.trials()) {
			TrialView trial = trial(sweep.spec(), planned, jobs.get(planned.jobId()));
			epochsTrained += trial.epochs();
			trials.add(trial);
		}
		String bestJob = sweep.bestJobId() != null ? sweep.bestJobId()
				: SweepTrials.best(sweep.spec(), started).map(TrainingJob::id).orElse(null);
		TrialView best = trials.stream().filter(trial -> trial.jobId() != null && trial.jobId().equals(bestJob))
			.findFirst()
			.orElse(null);
		return new SweepView(sweep.id(), sweep.state(), sweep.spec(), sweep.rungs(), trials, best,
				epochsTrained, sweep.epochsPlanned(), sweep.createdAt(), sweep.finishedAt(), sweep.activatedModelId(),
				sweep.error());
	}

	private static TrialView trial(SweepSpec spec, PlannedTrial planned, JobView job) {
		if (job == null) {
			return new TrialView(planned.index(), planned.parameters(), planned.jobId(),
					planned.jobId() == null ? PLANNED : "FORGOTTEN", 0, null, null, null, null, null);
		}
		List<EpochSummary> epochs = job.epochs();
		EpochSummary last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
		return new TrialView(planned.index(), planned.parameters(), job.id(), job.state().name(),
				last == null ? 0 : last.epoch(), last == null ? null : last.value(spec.metric()),
				last == null ? null : last.testAccuracy(), last == null ? null : last.testLoss(), job.stopReason(),
				job.modelId());
	}

}

package io.digits.sweep.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.digits.sweep.plan.SweepSpec;

/**
 * What the store keeps of a sweep: its spec, its planned trials (with their jobs once started) and how it ended. The
 * trials' progress is their jobs'.
 *
 * @param epochsPlanned what its trials would train without early stopping
 * @param rungs for ASHA, the epochs at which a trial of the base's epochs is judged (empty otherwise)
 * @param bestJobId the best trial's job when the sweep ended (null before, or when no trial left a model)
 * @param activatedModelId the best trial's model, when the sweep made it the active one
 */
public record SweepRecord(String id, SweepSpec spec, List<PlannedTrial> trials, int epochsPlanned, List<Integer> rungs,
		SweepState state, Instant createdAt, Instant finishedAt, String bestJobId, String activatedModelId, String error) {

	/** Ids of sweeps start with it ({@code sweep-...}). */
	public static final String ID_PREFIX = "sweep";

	public SweepRecord {
		trials = List.copyOf(trials);
		rungs = List.copyOf(rungs);
	}

	public SweepRecord withTrialStarted(int index, String jobId) {
		List<PlannedTrial> changed = new ArrayList<>(trials);
		changed.set(index, trials.get(index).started(jobId));
		return new SweepRecord(id, spec, changed, epochsPlanned, rungs, state, createdAt, finishedAt, bestJobId, activatedModelId, error);
	}

	public SweepRecord withState(SweepState next) {
		return new SweepRecord(id, spec, trials, epochsPlanned, rungs, next, createdAt, finishedAt, bestJobId, activatedModelId, error);
	}

	public SweepRecord ended(SweepState end, Instant at, String best, String activated, String why) {
		return new SweepRecord(id, spec, trials, epochsPlanned, rungs, end, createdAt, at, best, activated, why);
	}

}

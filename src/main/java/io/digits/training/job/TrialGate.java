package io.digits.training.job;

import io.digits.training.loop.EpochVerdict;
import io.digits.training.settings.TrialOf;
import io.digits.training.status.EpochSummary;

/**
 * A sweep's say over its trials, which are ordinary jobs: whether a trial goes on after an epoch (its rungs), and
 * word of every trial that paused or ended. The sweep feature implements it; the training core only calls it, so it
 * knows nothing of sweeps.
 */
public interface TrialGate {

	/** After an epoch of a trial short of its last: go on, pause at a rung, or stop early. */
	EpochVerdict afterEpoch(TrialOf trial, String jobId, EpochSummary summary);

	/** The trial paused, or ended in any way (called after its state is stored). */
	void trialChanged(TrialOf trial, String jobId);

	/** Where no sweep feature is wired: trials go on. */
	TrialGate NONE = new TrialGate() {

		@Override
		public EpochVerdict afterEpoch(TrialOf trial, String jobId, EpochSummary summary) {
			return EpochVerdict.GO_ON;
		}

		@Override
		public void trialChanged(TrialOf trial, String jobId) {
		}

	};

}

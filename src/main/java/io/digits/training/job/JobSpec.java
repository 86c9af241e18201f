package io.digits.training.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrialOf;
import io.digits.training.status.Finding;
import io.digits.training.store.JobRecord;

/**
 * What a job was asked, fixed for its whole life: the part of a {@link TrainingJob} that never changes.
 *
 * @param trial the sweep it is a trial of; null for a job of its own
 * @param setupFindings what its set-up alone showed, when it was queued
 */
record JobSpec(String id, Hyperparameters hyperparameters, boolean activate, StoppingRules stopping, TrialOf trial,
		Instant createdAt, List<Finding> setupFindings) {

	JobSpec {
		stopping = stopping == null ? StoppingRules.NONE : stopping;
		setupFindings = setupFindings == null ? List.of() : List.copyOf(setupFindings);
	}

	static JobSpec of(JobRecord record) {
		return new JobSpec(record.id(), record.hyperparameters(), record.activate(), record.stopping(), record.trial(),
				record.createdAt(), record.setupFindings());
	}

	Optional<TrialOf> trialOf() {
		return Optional.ofNullable(trial);
	}

}

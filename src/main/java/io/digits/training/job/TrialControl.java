package io.digits.training.job;

import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** What a sweep does to its paused trials: let one go on, or stop it early for good. */
@Component
public class TrialControl {

	private static final Logger log = LoggerFactory.getLogger(TrialControl.class);

	private final JobQueue queue;

	private final JobRegistry registry;

	private final TrainingMetrics metrics;

	TrialControl(JobQueue queue, JobRegistry registry, TrainingMetrics metrics) {
		this.queue = queue;
		this.registry = registry;
		this.metrics = metrics;
	}

	/** Queued again, to go on from its checkpoint; false when it was not paused, or the queue had no room. */
	public boolean goOn(TrainingJob job) {
		boolean queued = queue.unpause(job);
		if (queued) {
			log.info("Trial {} goes on from epoch {}", job.id(), job.progress().epoch());
		}
		return queued;
	}

	/** Ends a paused trial without a model; false when it was not paused. */
	public boolean stopEarly(TrainingJob job, StopReason why) {
		if (job.state() != JobState.PAUSED || !job.stoppedEarly(why)) {
			return false;
		}
		registry.ended(job);
		metrics.jobFinished(job);
		log.info("Trial {} stopped early: {}", job.id(), why.message());
		return true;
	}

}

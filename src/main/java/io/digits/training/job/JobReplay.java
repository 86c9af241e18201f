package io.digits.training.job;

import java.time.Clock;
import java.util.List;

import io.digits.training.events.JobEvent;
import io.digits.training.events.JobEventLog;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import io.digits.training.status.LossPoint;
import io.digits.training.store.JobRecord;

/**
 * Makes a job of a stored record and rebuilds its event stream, so that a client sees the same kind of stream as for a
 * job that never left memory: its states, the stored loss curve as at most about a thousand iteration events, its
 * epochs in their place, and for a finished job its end.
 */
final class JobReplay {

	private static final int ITERATION_EVENTS = 1000;

	private JobReplay() {
	}

	/**
	 * A job read back from the store. One that was queued or running is queued again; its stream replays what the
	 * store kept.
	 */
	static TrainingJob restored(JobRecord record, List<LossPoint> loss, Clock clock,
			TrainingProperties.Stream stream) {
		TrainingJob job = new TrainingJob(record, clock, stream, false);
		replay(job, loss, clock);
		return job;
	}

	/**
	 * A job read back from the shared store to be looked at, in the state the store has: one running on another
	 * replica shows as running.
	 */
	static TrainingJob asStored(JobRecord record, List<LossPoint> loss, Clock clock, TrainingProperties.Stream stream) {
		TrainingJob job = new TrainingJob(record, clock, stream, true);
		replay(job, loss, clock);
		return job;
	}

	private static void replay(TrainingJob job, List<LossPoint> loss, Clock clock) {
		JobEventLog events = job.events();
		events.publish(new JobEvent.State(JobState.QUEUED, job.createdAt(), null));
		if (job.startedAt() != null) {
			events.publish(new JobEvent.State(JobState.RUNNING, job.startedAt(), null));
		}
		for (LossPoint point : loss) {
			job.progress().lossHistory().append(point.iteration(), point.epoch(), point.loss(), point.timestamp());
		}
		List<EpochSummary> epochs = job.progress().epochs();
		int step = Math.max(1, loss.size() / ITERATION_EVENTS);
		int nextEpoch = 0;
		long covered = 0;
		for (int i = 0; i < loss.size(); i += step) {
			List<LossPoint> span = loss.subList(i, Math.min(loss.size(), i + step));
			LossPoint last = span.get(span.size() - 1);
			while (nextEpoch < epochs.size() && epochs.get(nextEpoch).epoch() < last.epoch()) {
				events.publish(new JobEvent.Epoch(epochs.get(nextEpoch++)));
			}
			double mean = span.stream().mapToDouble(LossPoint::loss).average().orElse(Double.NaN);
			events.publish(new JobEvent.Iteration(last.iteration(), last.epoch(), mean, null,
					(int) (last.iteration() - covered)));
			covered = last.iteration();
		}
		while (nextEpoch < epochs.size()) {
			events.publish(new JobEvent.Epoch(epochs.get(nextEpoch++)));
		}
		if (job.state().isFinal()) {
			events.publish(new JobEvent.State(job.state(), job.finishedAt(),
					job.stopReason() != null && job.error() == null ? job.stopReason().message() : job.error()));
			events.publish(new JobEvent.Done(job.view()));
			job.compact();
		}
		else {
			events.publish(new JobEvent.State(job.state() == JobState.PAUSED ? JobState.PAUSED : JobState.QUEUED,
					clock.instant(), null));
		}
	}

}

package io.digits.training.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.digits.training.events.IterationEvents;
import io.digits.training.events.JobEvent;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.LossHistory;
import io.digits.training.loop.Checkpoint;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobProgress;
import io.digits.training.status.JobState;
import io.digits.training.store.JobRecord;

/**
 * How far a job has trained: its counters, finished epochs and loss history. Written by the training thread and read
 * by anyone: the counters are volatile so a reader never blocks training.
 */
public final class TrainingProgress {

	private final Hyperparameters hyperparameters;

	private final Clock clock;

	private final JobEventLog events;

	private final IterationEvents iterationEvents;

	private final LossHistory lossHistory;

	private final List<EpochSummary> epochs = new CopyOnWriteArrayList<>();

	private volatile int epoch;

	private volatile long iteration;

	private volatile double latestLoss = Double.NaN;

	private volatile long samplesSeen;

	private volatile long trainingNanos;

	/** Over the dataset's images and the captures read; a queued job's captures are not known yet. */
	private volatile long totalIterations;

	TrainingProgress(JobRecord record, Clock clock, JobEventLog events, TrainingProperties.Stream stream) {
		this.hyperparameters = record.hyperparameters();
		this.clock = clock;
		this.events = events;
		this.iterationEvents = new IterationEvents(events, stream.iterationEventsPerSecond());
		this.lossHistory = new LossHistory(stream.lossHistoryPoints());
		this.epochs.addAll(record.epochs());
		this.epoch = record.epoch();
		this.iteration = record.iteration();
		this.samplesSeen = record.samplesSeen();
		this.trainingNanos = record.trainingNanos();
		this.totalIterations = hyperparameters.totalIterations(record.trainingImages());
	}

	/** The job trains on this many images an epoch, now that its captures are read. */
	void trainingOn(int images) {
		totalIterations = hyperparameters.totalIterations(images);
	}

	public int epoch() {
		return epoch;
	}

	public long iteration() {
		return iteration;
	}

	/** The loss of the last iteration, NaN before the first. */
	public double latestLoss() {
		return latestLoss;
	}

	long samplesSeen() {
		return samplesSeen;
	}

	long trainingNanos() {
		return trainingNanos;
	}

	public double fraction() {
		long total = totalIterations;
		return total == 0 ? 0 : (double) iteration / total;
	}

	/** Training throughput so far, NaN before the first iteration. */
	public double samplesPerSecond() {
		long nanos = trainingNanos;
		return nanos == 0 ? Double.NaN : samplesSeen / (nanos / 1e9);
	}

	/** Test accuracy after the last finished epoch, NaN before the first. */
	public double lastTestAccuracy() {
		return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
	}

	public List<EpochSummary> epochs() {
		return List.copyOf(epochs);
	}

	public LossHistory lossHistory() {
		return lossHistory;
	}

	/** Goes back to a checkpoint: what was recorded after it is trained again. */
	synchronized void rewindTo(Checkpoint checkpoint) {
		while (epochs.size() > checkpoint.epochsDone()) {
			epochs.remove(epochs.size() - 1);
		}
		lossHistory.truncateAfter(checkpoint.iteration());
		if (iteration > 0) {
			trainingNanos = trainingNanos * checkpoint.iteration() / iteration;
		}
		iteration = checkpoint.iteration();
		samplesSeen = Math.min(samplesSeen, checkpoint.iteration() * hyperparameters.batchSize());
		epoch = checkpoint.epochsDone();
	}

	void started() {
		iterationEvents.restartClock();
	}

	void epochStarted(int epoch) {
		this.epoch = epoch;
	}

	void iterationDone(double loss, int batchSize, long nanos) {
		long done = iteration + 1;
		latestLoss = loss;
		samplesSeen += batchSize;
		trainingNanos += nanos;
		iteration = done;
		lossHistory.append(done, epoch, loss, clock.millis());
		iterationEvents.add(done, epoch, loss, samplesPerSecond());
	}

	void epochDone(EpochSummary summary) {
		flushIterationEvents();
		epochs.add(summary);
		events.publish(new JobEvent.Epoch(summary));
	}

	/** Sends the iterations not yet covered by an event, before an epoch or a state event. */
	void flushIterationEvents() {
		iterationEvents.flush(iteration, epoch, samplesPerSecond());
	}

	/** The progress as the API shows it; the time left is estimated from the pace so far. */
	JobProgress view(JobState state, Instant startedAt) {
		long total = totalIterations;
		long done = iteration;
		Double eta = null;
		if (state == JobState.RUNNING && done > 0) {
			double elapsed = Duration.between(startedAt, clock.instant()).toNanos() / 1e9;
			eta = elapsed / done * (total - done);
		}
		else if (state == JobState.SUCCEEDED) {
			eta = 0.0;
		}
		return new JobProgress(epoch, hyperparameters.epochs(), done, total, fraction(), eta);
	}

}

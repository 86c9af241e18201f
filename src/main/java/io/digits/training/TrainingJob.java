package io.digits.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One training job's live state, its loss history and its event stream. The training thread writes it, request
 * threads read it: transitions are synchronized, and the fields updated every iteration are volatile so a reader never
 * blocks training. Iteration events are throttled to a few per second, each with the mean loss of what it covers.
 */
public final class TrainingJob {

	/** Iteration events and loss points a finished job keeps in memory. */
	static final int FINISHED_ITERATION_EVENTS = 1000;

	static final int FINISHED_LOSS_POINTS = 10_000;

	private final String id;

	private final Hyperparameters hyperparameters;

	private final boolean activate;

	private final Clock clock;

	private final Instant createdAt;

	private final List<EpochSummary> epochs = new CopyOnWriteArrayList<>();

	private final LossHistory lossHistory;

	private final JobEvents events;

	private final long iterationEventIntervalNanos;

	private final List<Finding> setupFindings;

	/** The codes of the findings last sent as a diagnosis event, to send only changes. */
	private volatile List<String> diagnosedCodes = List.of();

	private volatile JobState state;

	private volatile boolean cancelRequested;

	private volatile boolean stopRequested;

	private volatile Instant startedAt;

	private volatile Instant finishedAt;

	private volatile String modelId;

	private volatile String error;

	private volatile int epoch;

	private volatile long iteration;

	private volatile double latestLoss = Double.NaN;

	private volatile long samplesSeen;

	private volatile long trainingNanos;

	/** Iterations not yet covered by an iteration event; touched by the training thread only. */
	private double pendingLossSum;

	private int pendingIterations;

	private long lastIterationEventNanos;

	TrainingJob(String id, Hyperparameters hyperparameters, boolean activate, List<Finding> setupFindings, Clock clock,
			TrainingProperties.Stream stream) {
		this(new JobRecord(id, hyperparameters, activate, JobState.QUEUED, clock.instant(), null, null, null, null,
				List.of(), 0, 0, 0, 0, setupFindings), clock, stream);
		events.publish(JobEvent.STATE, new StateEvent(state, createdAt, null));
		if (!setupFindings.isEmpty()) {
			diagnosed(setupFindings);
		}
	}

	/**
	 * A job read back from the store. One that was queued or running is queued again; its stream replays what the
	 * store kept (the loss curve as iteration events, the epochs, the states).
	 */
	static TrainingJob restored(JobRecord record, List<LossPoint> loss, Clock clock, TrainingProperties.Stream stream) {
		TrainingJob job = new TrainingJob(record, clock, stream);
		job.replay(loss);
		return job;
	}

	private TrainingJob(JobRecord record, Clock clock, TrainingProperties.Stream stream) {
		this.id = record.id();
		this.hyperparameters = record.hyperparameters();
		this.activate = record.activate();
		this.clock = clock;
		this.createdAt = record.createdAt();
		this.lossHistory = new LossHistory(stream.lossHistoryPoints());
		this.events = new JobEvents(stream.retainedEvents());
		this.iterationEventIntervalNanos = 1_000_000_000L / stream.iterationEventsPerSecond();
		this.state = record.state().isFinal() ? record.state() : JobState.QUEUED;
		this.startedAt = record.startedAt();
		this.finishedAt = record.finishedAt();
		this.modelId = record.modelId();
		this.error = record.error();
		this.epochs.addAll(record.epochs());
		this.epoch = record.epoch();
		this.iteration = record.iteration();
		this.samplesSeen = record.samplesSeen();
		this.trainingNanos = record.trainingNanos();
		this.setupFindings = record.setupFindings() == null ? List.of() : List.copyOf(record.setupFindings());
	}

	/** Rebuilds the event stream from what was stored: at most about a thousand iteration events. */
	private void replay(List<LossPoint> loss) {
		events.publish(JobEvent.STATE, new StateEvent(JobState.QUEUED, createdAt, null));
		if (startedAt != null) {
			events.publish(JobEvent.STATE, new StateEvent(JobState.RUNNING, startedAt, null));
		}
		for (LossPoint point : loss) {
			lossHistory.append(point.iteration(), point.epoch(), point.loss(), point.timestamp());
		}
		int step = Math.max(1, loss.size() / 1000);
		int nextEpoch = 0;
		long covered = 0;
		for (int i = 0; i < loss.size(); i += step) {
			List<LossPoint> span = loss.subList(i, Math.min(loss.size(), i + step));
			LossPoint last = span.get(span.size() - 1);
			while (nextEpoch < epochs.size() && epochs.get(nextEpoch).epoch() < last.epoch()) {
				events.publish(JobEvent.EPOCH, epochs.get(nextEpoch++));
			}
			double mean = span.stream().mapToDouble(LossPoint::loss).average().orElse(Double.NaN);
			events.publish(JobEvent.ITERATION, new IterationEvent(last.iteration(), last.epoch(), mean, null,
					(int) (last.iteration() - covered)));
			covered = last.iteration();
		}
		while (nextEpoch < epochs.size()) {
			events.publish(JobEvent.EPOCH, epochs.get(nextEpoch++));
		}
		if (state.isFinal()) {
			events.publish(JobEvent.STATE, new StateEvent(state, finishedAt, error));
			events.publish(JobEvent.DONE, view());
			compact();
		}
		else {
			events.publish(JobEvent.STATE, new StateEvent(JobState.QUEUED, clock.instant(), null));
		}
	}

	/** What the store keeps of the job now. */
	JobRecord record() {
		return new JobRecord(id, hyperparameters, activate, state, createdAt, startedAt, finishedAt, modelId, error,
				List.copyOf(epochs), epoch, iteration, samplesSeen, trainingNanos, setupFindings);
	}

	/** What the set-up alone shows. */
	List<Finding> setupFindings() {
		return setupFindings;
	}

	/** Sends the findings as a diagnosis event when they differ from the last ones sent. */
	void diagnosed(List<Finding> findings) {
		List<String> codes = findings.stream().map(Finding::code).toList();
		if (!codes.equals(diagnosedCodes)) {
			diagnosedCodes = codes;
			events.publish(JobEvent.DIAGNOSIS, findings);
		}
	}

	public String id() {
		return id;
	}

	public Hyperparameters hyperparameters() {
		return hyperparameters;
	}

	public boolean activate() {
		return activate;
	}

	public JobState state() {
		return state;
	}

	public Instant createdAt() {
		return createdAt;
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

	public double fraction() {
		long total = hyperparameters.totalIterations();
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

	/** Wall time from start to end (or to now, while running); zero before the start. */
	public Duration runningTime() {
		Instant start = startedAt;
		if (start == null) {
			return Duration.ZERO;
		}
		Instant end = finishedAt;
		return Duration.between(start, end == null ? clock.instant() : end);
	}

	LossHistory lossHistory() {
		return lossHistory;
	}

	JobEvents events() {
		return events;
	}

	boolean cancelRequested() {
		return cancelRequested;
	}

	/** The service is shutting down: the job stops at its next iteration, checkpointed, to resume at the next start. */
	void requestStop() {
		stopRequested = true;
	}

	boolean stopRequested() {
		return stopRequested;
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

	/** QUEUED to RUNNING; false when the job was cancelled before it could start. */
	synchronized boolean start() {
		if (state != JobState.QUEUED) {
			return false;
		}
		state = JobState.RUNNING;
		Instant now = clock.instant();
		if (startedAt == null) {
			startedAt = now;
		}
		lastIterationEventNanos = System.nanoTime();
		events.publish(JobEvent.STATE, new StateEvent(state, now, null));
		return true;
	}

	/** What a cancel request did. */
	enum Cancellation {

		ALREADY_ENDED,

		/** The job was queued and is now cancelled. */
		CANCELLED,

		/** The job runs and stops at its next iteration. */
		STOPPING

	}

	/** Asks the job to stop: a queued job is cancelled at once, a running one at its next iteration. */
	synchronized Cancellation requestCancel() {
		if (state.isFinal()) {
			return Cancellation.ALREADY_ENDED;
		}
		cancelRequested = true;
		if (state == JobState.QUEUED) {
			finish(JobState.CANCELLED);
			return Cancellation.CANCELLED;
		}
		return Cancellation.STOPPING;
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
		pendingLossSum += loss;
		pendingIterations++;
		long now = System.nanoTime();
		if (now - lastIterationEventNanos >= iterationEventIntervalNanos) {
			lastIterationEventNanos = now;
			publishPendingIterations();
		}
	}

	void epochDone(EpochSummary summary) {
		publishPendingIterations();
		epochs.add(summary);
		events.publish(JobEvent.EPOCH, summary);
	}

	synchronized void succeeded(String modelId) {
		this.modelId = modelId;
		finish(JobState.SUCCEEDED);
	}

	synchronized void failed(String reason) {
		this.error = reason;
		finish(JobState.FAILED);
	}

	synchronized void cancelled() {
		finish(JobState.CANCELLED);
	}

	private void finish(JobState finalState) {
		publishPendingIterations();
		state = finalState;
		finishedAt = clock.instant();
		events.publish(JobEvent.STATE, new StateEvent(finalState, finishedAt, error));
		events.publish(JobEvent.DONE, view());
	}

	/**
	 * Shrinks a finished job to what its replay needs, so that hundreds of finished jobs fit in memory: the
	 * store keeps the full curve.
	 */
	void compact() {
		events.thinIterationEvents(FINISHED_ITERATION_EVENTS);
		lossHistory.thinTo(FINISHED_LOSS_POINTS);
	}

	private void publishPendingIterations() {
		if (pendingIterations == 0) {
			return;
		}
		double samplesPerSecond = samplesPerSecond();
		events.publish(JobEvent.ITERATION, new IterationEvent(iteration, epoch, pendingLossSum / pendingIterations,
				Double.isNaN(samplesPerSecond) ? null : samplesPerSecond, pendingIterations));
		pendingLossSum = 0;
		pendingIterations = 0;
	}

	public JobView view() {
		Hyperparameters h = hyperparameters;
		long total = h.totalIterations();
		long done = iteration;
		Double eta = null;
		if (state == JobState.RUNNING && done > 0) {
			double elapsed = Duration.between(startedAt, clock.instant()).toNanos() / 1e9;
			eta = elapsed / done * (total - done);
		}
		else if (state == JobState.SUCCEEDED) {
			eta = 0.0;
		}
		JobProgress progress = new JobProgress(epoch, h.epochs(), done, total, fraction(), eta);
		double samplesPerSecond = samplesPerSecond();
		return new JobView(id, state, h, activate, progress, Double.isNaN(latestLoss) ? null : latestLoss,
				Double.isNaN(samplesPerSecond) ? null : samplesPerSecond, List.copyOf(epochs), createdAt, startedAt,
				finishedAt, modelId, error, setupFindings);
	}

}

package io.digits.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One training job's live state. The training thread writes it, request threads read it: every transition is
 * synchronized, and the fields updated every iteration are volatile so a reader never blocks training.
 */
public final class TrainingJob {

	private final String id;

	private final Hyperparameters hyperparameters;

	private final boolean activate;

	private final Clock clock;

	private final Instant createdAt;

	private final List<EpochSummary> epochs = new CopyOnWriteArrayList<>();

	private final LossHistory lossHistory = new LossHistory();

	private volatile JobState state = JobState.QUEUED;

	private volatile boolean cancelRequested;

	private volatile Instant startedAt;

	private volatile Instant finishedAt;

	private volatile String modelId;

	private volatile String error;

	private volatile int epoch;

	private volatile long iteration;

	private volatile double latestLoss = Double.NaN;

	private volatile long samplesSeen;

	private volatile long trainingNanos;

	TrainingJob(String id, Hyperparameters hyperparameters, boolean activate, Clock clock) {
		this.id = id;
		this.hyperparameters = hyperparameters;
		this.activate = activate;
		this.clock = clock;
		this.createdAt = clock.instant();
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

	LossHistory lossHistory() {
		return lossHistory;
	}

	boolean cancelRequested() {
		return cancelRequested;
	}

	/** QUEUED to RUNNING; false when the job was cancelled before it could start. */
	synchronized boolean start() {
		if (state != JobState.QUEUED) {
			return false;
		}
		state = JobState.RUNNING;
		startedAt = clock.instant();
		return true;
	}

	/**
	 * Asks the job to stop: a queued job is cancelled at once, a running one at its next iteration.
	 * @return false when the job had already ended
	 */
	synchronized boolean requestCancel() {
		if (state.isFinal()) {
			return false;
		}
		cancelRequested = true;
		if (state == JobState.QUEUED) {
			finish(JobState.CANCELLED);
		}
		return true;
	}

	void epochStarted(int epoch) {
		this.epoch = epoch;
	}

	void iterationDone(double loss, int batchSize, long nanos) {
		latestLoss = loss;
		samplesSeen += batchSize;
		trainingNanos += nanos;
		iteration++;
	}

	void epochDone(EpochSummary summary) {
		epochs.add(summary);
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
		state = finalState;
		finishedAt = clock.instant();
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
		JobProgress progress = new JobProgress(epoch, h.epochs(), done, total, total == 0 ? 0 : (double) done / total,
				eta);
		Double loss = Double.isNaN(latestLoss) ? null : latestLoss;
		Double samplesPerSecond = trainingNanos == 0 ? null : samplesSeen / (trainingNanos / 1e9);
		return new JobView(id, state, h, activate, progress, loss, samplesPerSecond, List.copyOf(epochs), createdAt,
				startedAt, finishedAt, modelId, error);
	}

}

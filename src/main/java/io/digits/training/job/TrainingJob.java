package io.digits.training.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.digits.training.diagnosis.TrainingEvidence;
import io.digits.training.events.JobEvent;
import io.digits.training.events.JobEventLog;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrialOf;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.Finding;
import io.digits.training.status.JobState;
import io.digits.training.status.JobView;
import io.digits.training.status.StopReason;
import io.digits.training.store.JobRecord;

/**
 * One training job: what it was asked, its state machine (QUEUED, RUNNING, then SUCCEEDED, FAILED, CANCELLED or
 * STOPPED_EARLY; a sweep's trial may also be PAUSED between RUNNING and QUEUED), its
 * event stream and its {@link TrainingProgress}. The training thread writes it, request threads read it: transitions
 * are synchronized and the fields they change are volatile.
 */
public final class TrainingJob {

	/** Iteration events and loss points a finished job keeps in memory. */
	static final int FINISHED_ITERATION_EVENTS = 1000;

	static final int FINISHED_LOSS_POINTS = 10_000;

	private final JobSpec spec;

	private final Clock clock;

	private volatile StopReason stopReason;

	private final JobEventLog events;

	private final TrainingProgress progress;

	/** The codes of the findings last sent as a diagnosis event, to send only changes. */
	private volatile List<String> diagnosedCodes = List.of();

	private volatile JobState state;

	private volatile boolean cancelRequested;

	private volatile boolean stopRequested;

	private volatile Instant startedAt;

	private volatile Instant finishedAt;

	private volatile String modelId;

	private volatile String error;

	private volatile FailureCause failure;

	/** The replica running it, or that ran it last. */
	private volatile String replica;

	private volatile Engine engine;

	private volatile String engineReason;

	/** The captures it trains on beyond its dataset, once read; null before, and for a job that asked for none. */
	private volatile List<String> captureIds;

	/** A new job, queued; what its set-up shows is its first diagnosis. */
	public static TrainingJob queued(String id, Hyperparameters hyperparameters, boolean activate,
			StoppingRules stopping, TrialOf trial, List<Finding> setupFindings, Clock clock,
			TrainingProperties.Stream stream) {
		TrainingJob job = new TrainingJob(new JobRecord(id, hyperparameters, activate, JobState.QUEUED, clock.instant(),
				null, null, null, null, List.of(), 0, 0, 0, 0, setupFindings, null, null, null, null, stopping, trial, null, null),
				clock, stream, false);
		job.events.publish(new JobEvent.State(JobState.QUEUED, job.spec.createdAt(), null));
		if (!setupFindings.isEmpty()) {
			job.diagnosed(setupFindings);
		}
		return job;
	}

	/** A job as its record says; {@code asStored} keeps a running one running (another replica's), else it is queued. */
	TrainingJob(JobRecord record, Clock clock, TrainingProperties.Stream stream, boolean asStored) {
		this.spec = JobSpec.of(record);
		this.clock = clock;
		this.events = new JobEventLog(stream.retainedEvents());
		this.progress = new TrainingProgress(record, clock, events, stream);
		this.state = record.state().isFinal() || record.state() == JobState.PAUSED || asStored ? record.state()
				: JobState.QUEUED;
		this.startedAt = record.startedAt();
		this.finishedAt = record.finishedAt();
		this.modelId = record.modelId();
		this.error = record.error();
		this.failure = record.failure();
		this.replica = record.replica();
		this.engine = record.engine();
		this.engineReason = record.engineReason();
		this.stopReason = record.stopReason();
		this.captureIds = record.captureIds();
	}

	/** What the store keeps of the job now. */
	JobRecord record() {
		return new JobRecord(spec.id(), spec.hyperparameters(), spec.activate(), state, spec.createdAt(), startedAt,
				finishedAt, modelId, error, progress.epochs(), progress.epoch(), progress.iteration(), progress.samplesSeen(),
				progress.trainingNanos(), spec.setupFindings(), failure, replica, engine, engineReason, spec.stopping(),
				spec.trial(), stopReason, captureIds);
	}

	/** What the diagnosis judges the job by, now. */
	public TrainingEvidence evidence() {
		return new TrainingEvidence(spec.hyperparameters(), spec.setupFindings(),
				progress.lossHistory().points(1, Integer.MAX_VALUE), progress.iteration(), progress.epochs(), failure, error);
	}

	/** Sends the findings as a diagnosis event when they differ from the last ones sent. */
	void diagnosed(List<Finding> findings) {
		List<String> codes = findings.stream().map(Finding::code).toList();
		if (!codes.equals(diagnosedCodes)) {
			diagnosedCodes = codes;
			events.publish(new JobEvent.Diagnosis(findings));
		}
	}

	public String id() {
		return spec.id();
	}

	public Hyperparameters hyperparameters() {
		return spec.hyperparameters();
	}

	public boolean activate() {
		return spec.activate();
	}

	public StoppingRules stopping() {
		return spec.stopping();
	}

	public Optional<TrialOf> trial() {
		return spec.trialOf();
	}

	public StopReason stopReason() {
		return stopReason;
	}

	public JobState state() {
		return state;
	}

	Instant createdAt() {
		return spec.createdAt();
	}

	Instant startedAt() {
		return startedAt;
	}

	Instant finishedAt() {
		return finishedAt;
	}

	String error() {
		return error;
	}

	/** How far it has trained. */
	public TrainingProgress progress() {
		return progress;
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

	Engine engine() {
		return engine;
	}

	void engine(Engine engine, String reason) {
		this.engine = engine;
		this.engineReason = reason;
	}

	/** The captures it trains on, in their order; null until they are read, or when it asked for none. */
	List<String> captureIds() {
		return captureIds;
	}

	/** The captures read for it (at its first start, or again at a resume): what each epoch trains on beyond the dataset. */
	void capturesRead(List<String> ids) {
		captureIds = List.copyOf(ids);
		progress.trainingOn(trainingImages());
	}

	/** The images each epoch trains on: the dataset's first {@code trainLimit}, then the captures read. */
	public int trainingImages() {
		List<String> ids = captureIds;
		return spec.hyperparameters().trainLimit() + (ids == null ? 0 : ids.size());
	}

	public JobEventLog events() {
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

	/** A paused trial the sweep lets go on: PAUSED to QUEUED; false when it is no longer paused. */
	synchronized boolean unpause() {
		if (state != JobState.PAUSED) {
			return false;
		}
		state = JobState.QUEUED;
		events.publish(new JobEvent.State(state, clock.instant(), null));
		return true;
	}

	/** QUEUED to RUNNING on this replica; false when the job was cancelled before it could start. */
	synchronized boolean start(String replica) {
		if (state != JobState.QUEUED) {
			return false;
		}
		state = JobState.RUNNING;
		this.replica = replica;
		Instant now = clock.instant();
		if (startedAt == null) {
			startedAt = now;
		}
		progress.started();
		events.publish(new JobEvent.State(state, now, null));
		return true;
	}

	/** Asks the job to stop: a queued job is cancelled at once, a running one at its next iteration. */
	synchronized Cancellation requestCancel() {
		if (state.isFinal()) {
			return Cancellation.ALREADY_ENDED;
		}
		cancelRequested = true;
		if (state == JobState.QUEUED || state == JobState.PAUSED) {
			finish(JobState.CANCELLED);
			return Cancellation.CANCELLED;
		}
		return Cancellation.STOPPING;
	}

	/** With a model; {@code why} when one of its own rules ended it early (a target, patience, its time), else null. */
	synchronized void succeeded(String modelId, StopReason why) {
		this.modelId = modelId;
		this.stopReason = why;
		finish(JobState.SUCCEEDED);
	}

	/** A trial the sweep did not let go on yet: checkpointed, it waits off the queue. */
	synchronized void paused(StopReason why) {
		progress.flushIterationEvents();
		state = JobState.PAUSED;
		events.publish(new JobEvent.State(state, clock.instant(), why.message()));
	}

	/** Stopped by a rule that judged it not worth finishing: no model. */
	synchronized boolean stoppedEarly(StopReason why) {
		if (state.isFinal()) {
			return false;
		}
		this.stopReason = why;
		this.error = null;
		finish(JobState.STOPPED_EARLY);
		return true;
	}

	/** {@code why} in the words of a stop reason too, or null (a failure no rule judged: an error, a restart). */
	synchronized void failed(FailureCause cause, String reason, StopReason why) {
		this.failure = cause;
		this.error = reason;
		this.stopReason = why;
		finish(JobState.FAILED);
	}

	synchronized void cancelled() {
		finish(JobState.CANCELLED);
	}

	void finish(JobState finalState) {
		progress.flushIterationEvents();
		state = finalState;
		finishedAt = clock.instant();
		events.publish(new JobEvent.State(finalState, finishedAt,
				finalState == JobState.STOPPED_EARLY && stopReason != null ? stopReason.message() : error));
		events.publish(new JobEvent.Done(view()));
	}

	/**
	 * Shrinks a finished job to what its replay needs, so that hundreds of finished jobs fit in memory: the
	 * store keeps the full curve.
	 */
	void compact() {
		events.thinIterationEvents(FINISHED_ITERATION_EVENTS);
		progress.lossHistory().thinTo(FINISHED_LOSS_POINTS);
	}

	public JobView view() {
		List<String> ids = captureIds;
		// a job that asked for captures and has not read them yet cannot say how many images it trains on
		boolean capturesKnown = ids != null || !spec.hyperparameters().labelledCaptures();
		double latestLoss = progress.latestLoss(), samplesPerSecond = progress.samplesPerSecond();
		return new JobView(spec.id(), state, spec.hyperparameters(), spec.activate(), progress.view(state, startedAt),
				Double.isNaN(latestLoss) ? null : latestLoss, Double.isNaN(samplesPerSecond) ? null : samplesPerSecond,
				progress.epochs(), spec.createdAt(), startedAt, finishedAt, modelId, error, failure, spec.setupFindings(),
				replica, engine, engineReason, spec.stopping(), spec.trial(), stopReason,
				EpochSummary.best(progress.epochs(), spec.stopping()), capturesKnown ? trainingImages() : null,
				capturesKnown ? (ids == null ? 0 : ids.size()) : null, ids);
	}


}

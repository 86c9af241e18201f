package io.digits.training.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.digits.training.diagnosis.Diagnosis;
import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.EpochVerdict;
import io.digits.training.loop.TrainingRun;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.Finding;
import io.digits.training.status.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.digits.training.store.JobStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A job as the training loop sees it: progress goes to the job, its metrics and its diagnosis; checkpoints to the store.
 * In the shared mode the record is also written every {@code progressInterval}, for the other replicas to show.
 */
final class JobRun implements TrainingRun {

	private static final Logger log = LoggerFactory.getLogger(JobRun.class);

	private final TrainingJob job;

	private final JobStore store;

	private final TrainingMetrics metrics;

	/** Zero: the record is written at checkpoints only. */
	private final long progressIntervalNanos;

	private long lastProgressWrite = System.nanoTime();

	private final TrialGate gate;

	/** Updates when the diagnosis was last asked, by {@link #stopNow}: it needs new evidence to say something new. */
	private long lastDiagnosedIteration = -1;

	/** What the diagnosis found when the last epoch was recorded ({@link #epochDone}, just before {@link #afterEpoch}). */
	private List<Finding> epochFindings = List.of();

	JobRun(TrainingJob job, JobStore store, TrainingMetrics metrics, Duration progressInterval, TrialGate gate) {
		this.job = job;
		this.gate = gate;
		this.store = store;
		this.metrics = metrics;
		this.progressIntervalNanos = progressInterval.toNanos();
	}

	@Override
	public Hyperparameters hyperparameters() {
		return job.hyperparameters();
	}

	@Override
	public int trainingImages() {
		return job.trainingImages();
	}

	@Override
	public StoppingRules stopping() {
		return job.stopping();
	}

	@Override
	public List<EpochSummary> epochsDone() {
		return job.progress().epochs();
	}

	@Override
	public Optional<Engine> engine() {
		return Optional.ofNullable(job.engine());
	}

	@Override
	public void engineChosen(Engine engine, String reason) {
		job.engine(engine, reason);
		log.info("Job {} trains with {}: {}", job.id(), engine == Engine.FUSED_CPU ? "the fused CPU step" : "DL4J",
				reason);
	}

	@Override
	public Optional<Resumable> resumeFrom() {
		return store.loadCheckpoint(job.id());
	}

	@Override
	public void rewindTo(Checkpoint checkpoint) {
		job.progress().rewindTo(checkpoint);
	}

	@Override
	public void epochStarted(int epoch) {
		job.progress().epochStarted(epoch);
	}

	@Override
	public void iterationDone(double loss, int batchSize, long nanos) {
		job.progress().iterationDone(loss, batchSize, nanos);
		metrics.iterationDone(batchSize);
		if (progressIntervalNanos > 0 && System.nanoTime() - lastProgressWrite >= progressIntervalNanos) {
			// ahead of the checkpoint, as between the record and the network of a checkpoint: a resume cuts it back
			lastProgressWrite = System.nanoTime();
			store.save(job.record());
		}
	}

	@Override
	public void epochDone(EpochSummary summary) {
		job.progress().epochDone(summary);
		epochFindings = Diagnosis.of(job.evidence());
		job.diagnosed(epochFindings);
	}

	/** Between batches, a few times a second: what the diagnosis finds stops the job when it was asked to. */
	@Override
	public Optional<StopReason> stopNow(int epoch) {
		List<String> stoppingCodes = job.stopping().stopOnDiagnosis();
		long iteration = job.progress().iteration();
		if (stoppingCodes.isEmpty() || iteration == lastDiagnosedIteration) {
			return Optional.empty();
		}
		lastDiagnosedIteration = iteration;
		return stoppingFinding(epoch, Diagnosis.of(job.evidence()));
	}

	@Override
	public EpochVerdict afterEpoch(EpochSummary summary) {
		// the diagnosis of this epoch, made as it was recorded: the evidence copies the whole loss curve
		Optional<StopReason> diagnosed = stoppingFinding(summary.epoch(), epochFindings);
		if (diagnosed.isPresent()) {
			return EpochVerdict.stopWithoutModel(diagnosed.get());
		}
		return job.trial().map(trial -> gate.afterEpoch(trial, job.id(), summary)).orElse(EpochVerdict.GO_ON);
	}

	private Optional<StopReason> stoppingFinding(int epoch, List<Finding> findings) {
		List<String> stoppingCodes = job.stopping().stopOnDiagnosis();
		return findings.stream().filter(finding -> stoppingCodes.contains(finding.code())).findFirst().map(finding -> {
			job.diagnosed(findings);
			return new StopReason("diagnosis", epoch, finding.code(), null, null,
					"Stopped in epoch %d: the diagnosis found %s (%s)".formatted(epoch, finding.code(),
							finding.summary()));
		});
	}

	@Override
	public boolean cancelRequested() {
		return job.cancelRequested();
	}

	@Override
	public boolean stopRequested() {
		return job.stopRequested();
	}

	@Override
	public long iteration() {
		return job.progress().iteration();
	}

	/**
	 * The record and the loss curve, then the network and where it stands. A crash anywhere in between leaves the
	 * record and curve at or ahead of the last whole checkpoint, and a resume cuts them back to it: no epoch is lost
	 * from the record and no batch is trained twice.
	 */
	@Override
	public void checkpoint(MultiLayerNetwork network, Checkpoint checkpoint) throws IOException {
		store.save(job.record());
		store.saveLoss(job.id(), job.progress().lossHistory().points(1, Integer.MAX_VALUE));
		store.saveCheckpoint(job.id(), network, checkpoint);
	}

}

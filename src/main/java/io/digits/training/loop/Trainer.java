package io.digits.training.loop;

import java.io.IOException;
import java.util.Optional;

import io.digits.data.Dataset;
import io.digits.training.fused.FusedSupport;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.StopReason;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.stereotype.Component;

/**
 * Trains one run's network: an epoch loop over reshuffled minibatches, each trained by the run's
 * {@link TrainingEngine} (the fused CPU step, or DL4J's fit), an
 * evaluation of the test set after every epoch, and checks for cancellation and shutdown between iterations. A run
 * with a checkpoint goes on from it: same network, same updater state, and the same sequence of batches it would have
 * seen without the interruption.
 */
@Component
public class Trainer {


	private final long checkpointIntervalNanos;

	private final boolean fusedCpu;

	Trainer(TrainingProperties properties) {
		this.checkpointIntervalNanos = properties.checkpointInterval().toNanos();
		this.fusedCpu = properties.fusedCpu();
	}

	/** How training ended. */
	public enum Status {

		COMPLETED, CANCELLED,

		/** Stopped for a shutdown, checkpointed to go on at the next start. */
		STOPPED,

		/** A sweep's trial waiting for its rung, checkpointed. */
		PAUSED,

		/** Stopped by one of its rules with a model worth keeping (evaluated, the best epoch's with restoreBest). */
		ENDED_BY_RULE,

		/** Stopped by a rule that judged it not worth finishing: no model. */
		STOPPED_EARLY

	}

	/**
	 * @param evaluation the test set's, for a run with a model to register; null otherwise
	 * @param stopReason why a rule ended or paused it; null otherwise
	 */
	public record Outcome(Status status, MultiLayerNetwork network, TestSetEvaluation evaluation, StopReason stopReason) {

		Outcome(Status status, MultiLayerNetwork network) {
			this(status, network, null, null);
		}

	}

	/** How often, at most, the loop asks the run whether its diagnosis stops it. */
	private static final long STOP_QUESTION_NANOS = 50_000_000;

	/**
	 * @param data the test set, and the training set whose first {@link TrainingRun#trainingImages} images the run
	 *     trains on
	 */
	public Outcome train(TrainingRun job, Dataset data) throws IOException {
		Hyperparameters h = job.hyperparameters();
		int images = job.trainingImages();
		ShufflingIterator batches = new ShufflingIterator(data.train(), images, h.batchSize(), h.seed());
		Optional<TrainingRun.Resumable> restored = job.resumeFrom();
		MultiLayerNetwork network;
		int firstEpoch = 1, batchesToSkip = 0;
		if (restored.isPresent()) {
			Checkpoint checkpoint = restored.get().checkpoint();
			network = restored.get().network();
			job.rewindTo(checkpoint);
			for (int epoch = 0; epoch < checkpoint.epochsDone(); epoch++) {
				batches.reset();
			}
			firstEpoch = checkpoint.epochsDone() + 1;
			batchesToSkip = checkpoint.batchesIntoEpoch();
		}
		else {
			// no usable checkpoint: whatever the job recorded before is trained again from the start
			job.rewindTo(new Checkpoint(0, 0, 0));
			network = NetworkFactory.create(h, images);
		}
		try (TrainingEngine engine = engineFor(job, h, images, network);
				OwnStoppingRules rules = new OwnStoppingRules(job.stopping(), job.epochsDone())) {
			return train(job, data, h, batches, network, engine, rules, restored.isPresent(), firstEpoch, batchesToSkip);
		}
		catch (Throwable failure) {
			// a failed run's network is nobody's: its native memory goes now, not when a collection finds it
			NetworkRelease.release(network);
			throw failure;
		}
	}

	/**
	 * The fused step when it covers the job (and is on), else DL4J; a job that started on DL4J stays on it, so that a
	 * resumed job computes what it would have without the interruption.
	 */
	private TrainingEngine engineFor(TrainingRun job, Hyperparameters h, int images, MultiLayerNetwork network) {
		FusedSupport.Verdict verdict = FusedSupport.check(h);
		String reason;
		if (job.engine().orElse(null) == Engine.DL4J) {
			reason = "the job started on DL4J";
		}
		else if (!fusedCpu) {
			reason = "the fused step is off (digits.training.fused-cpu=false)";
		}
		else if (!verdict.covered()) {
			reason = verdict.reason();
		}
		else {
			job.engineChosen(Engine.FUSED_CPU, verdict.reason());
			return new FusedEngine(network, job, Math.min(h.batchSize(), images));
		}
		job.engineChosen(Engine.DL4J, reason);
		return new Dl4jEngine(network, job);
	}

	private Outcome train(TrainingRun job, Dataset data, Hyperparameters h, ShufflingIterator batches,
			MultiLayerNetwork network, TrainingEngine engine, OwnStoppingRules rules, boolean checkpointed, int firstEpoch,
			int batchesToSkip) throws IOException {
		long lastCheckpoint = System.nanoTime(), runStart = System.nanoTime(), lastStopQuestion = runStart;
		TestSetEvaluation evaluation = null;
		for (int epoch = firstEpoch; epoch <= h.epochs(); epoch++) {
			long epochStart = System.nanoTime();
			job.epochStarted(epoch);
			batches.skip(batchesToSkip);
			int batchesDone = batchesToSkip;
			batchesToSkip = 0;
			double lossSum = 0;
			int lossCount = 0;
			engine.resumeClock();
			while (batches.hasNext()) {
				if (job.cancelRequested()) {
					return new Outcome(Status.CANCELLED, network);
				}
				if (job.stopRequested()) {
					job.checkpoint(network, new Checkpoint(epoch - 1, batchesDone, job.iteration()));
					return new Outcome(Status.STOPPED, network);
				}
				long now = System.nanoTime();
				if (now - lastStopQuestion >= STOP_QUESTION_NANOS) {
					lastStopQuestion = now;
					Optional<StopReason> diagnosed = job.stopNow(epoch);
					if (diagnosed.isPresent()) {
						return new Outcome(Status.STOPPED_EARLY, network, null, diagnosed.get());
					}
					Optional<StopReason> outOfTime = rules.outOfTime(epoch, (now - runStart) / 1e9);
					if (outOfTime.isPresent()) {
						// mid-epoch: no epoch's weights are the network's, nor was it evaluated as it is
						return endedByRule(network, engine, rules, data, -1, null, outOfTime.get());
					}
				}
				double loss = engine.fit(batches);
				batchesDone++;
				if (!Double.isFinite(loss)) {
					throw new TrainingDivergedException(loss, job.iteration() + 1, h.learningRate());
				}
				lossSum += loss;
				lossCount++;
			}
			batches.reset();
			network.incrementEpochCount();
			evaluation = engine.evaluate(data.test());
			EpochSummary summary = new EpochSummary(epoch, lossSum / Math.max(1, lossCount), evaluation.loss(),
					evaluation.accuracy(), (System.nanoTime() - epochStart) / 1e9, DeadUnits.measure(network, h, data.test()));
			job.epochDone(summary);
			Optional<StopReason> ownRule = rules.afterEpoch(summary, (System.nanoTime() - runStart) / 1e9, network);
			if (ownRule.isPresent() && epoch < h.epochs()) {
				return endedByRule(network, engine, rules, data, epoch, evaluation, ownRule.get());
			}
			EpochVerdict verdict = epoch < h.epochs() ? job.afterEpoch(summary) : EpochVerdict.GO_ON;
			switch (verdict.kind()) {
				case GO_ON -> {
				}
				case PAUSE -> {
					job.checkpoint(network, new Checkpoint(epoch, 0, job.iteration()));
					return new Outcome(Status.PAUSED, network, null, verdict.reason());
				}
				case STOP_KEEPING_MODEL -> {
					return endedByRule(network, engine, rules, data, epoch, evaluation, verdict.reason());
				}
				case STOP_WITHOUT_MODEL -> {
					return new Outcome(Status.STOPPED_EARLY, network, null, verdict.reason());
				}
			}
			if (epoch < h.epochs() && (!checkpointed || System.nanoTime() - lastCheckpoint >= checkpointIntervalNanos)) {
				job.checkpoint(network, new Checkpoint(epoch, 0, job.iteration()));
				checkpointed = true;
				lastCheckpoint = System.nanoTime();
			}
		}
		if (rules.restoreBest(network, h.epochs())) {
			evaluation = engine.evaluate(data.test());
		}
		return new Outcome(Status.COMPLETED, network, evaluation, null);
	}

	/**
	 * A run its own rules ended: the best epoch's weights when restoreBest asks for them, and the network evaluated
	 * as it is registered (again, when it changed since the last evaluation).
	 */
	private static Outcome endedByRule(MultiLayerNetwork network, TrainingEngine engine, OwnStoppingRules rules,
			Dataset data, int lastEpoch, TestSetEvaluation lastEvaluation, StopReason reason) {
		TestSetEvaluation evaluation = rules.restoreBest(network, lastEpoch) || lastEvaluation == null
				? engine.evaluate(data.test()) : lastEvaluation;
		return new Outcome(Status.ENDED_BY_RULE, network, evaluation, reason);
	}

}

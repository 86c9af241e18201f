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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(Trainer.class);

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
		STOPPED

	}

	public record Outcome(Status status, MultiLayerNetwork network, TestSetEvaluation evaluation) {
	}

	public Outcome train(TrainingRun job, Dataset data) throws IOException {
		Hyperparameters h = job.hyperparameters();
		ShufflingIterator batches = new ShufflingIterator(data.train(), h.trainLimit(), h.batchSize(), h.seed());
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
			network = NetworkFactory.create(h);
		}
		try (TrainingEngine engine = engineFor(job, h, network)) {
			return train(job, data, h, batches, network, engine, restored.isPresent(), firstEpoch, batchesToSkip);
		}
		catch (Throwable failure) {
			// a failed run's network is nobody's: its native memory goes now, not when a collection finds it
			release(network);
			throw failure;
		}
	}

	/**
	 * Frees a network's native memory on the calling thread, which must be the one that trained it: DL4J's
	 * {@code close()} closes the parameters, gradients and updater state and destroys this thread's workspaces (where
	 * the activations of a batch live), then hints a collection so JavaCPP's deallocators run. Without it a failed
	 * large job left the process over JavaCPP's physical limit, and every prediction failed until a restart.
	 */
	public static void release(MultiLayerNetwork network) {
		try {
			if (network != null) {
				network.close();
			}
			Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
		}
		catch (RuntimeException ex) {
			log.warn("Could not free a network's native memory: {}", ex.toString());
		}
	}

	/**
	 * Frees a finished network's parameters, gradients and optimizer state at once (about 1.8 MB for the seed
	 * network with Adam), and nothing more: not the thread's workspaces, which the next job reuses, and no
	 * collection. Left to the GC, they climbed by about 2.3 MB a job in a soak; DL4J's whole {@code close()}, which
	 * also destroys the workspaces and calls System.gc(), crashed ND4J natively (docs/performance.md, Soak). The
	 * network must not be used afterwards: its model has been written out, and serving reads that copy.
	 */
	public static void releaseArrays(MultiLayerNetwork network) {
		if (network == null) {
			return;
		}
		try {
			closeIfOwned(network.params());
			closeIfOwned(network.getFlattenedGradients());
			if (network.getUpdater(false) != null) {
				closeIfOwned(network.getUpdater(false).getStateViewArray());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not free a network's arrays: {}", ex.toString());
		}
	}

	private static void closeIfOwned(INDArray array) {
		if (array != null && array.closeable()) {
			array.close();
		}
	}

	/**
	 * The fused step when it covers the job (and is on), else DL4J; a job that started on DL4J stays on it, so that a
	 * resumed job computes what it would have without the interruption.
	 */
	private TrainingEngine engineFor(TrainingRun job, Hyperparameters h, MultiLayerNetwork network) {
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
			return new FusedEngine(network, job, Math.min(h.batchSize(), h.trainLimit()));
		}
		job.engineChosen(Engine.DL4J, reason);
		return new Dl4jEngine(network, job);
	}

	private Outcome train(TrainingRun job, Dataset data, Hyperparameters h, ShufflingIterator batches,
			MultiLayerNetwork network, TrainingEngine engine, boolean checkpointed, int firstEpoch, int batchesToSkip)
			throws IOException {
		long lastCheckpoint = System.nanoTime();
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
					return new Outcome(Status.CANCELLED, network, null);
				}
				if (job.stopRequested()) {
					job.checkpoint(network, new Checkpoint(epoch - 1, batchesDone, job.iteration()));
					return new Outcome(Status.STOPPED, network, null);
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
			job.epochDone(new EpochSummary(epoch, lossSum / Math.max(1, lossCount), evaluation.loss(),
					evaluation.accuracy(), (System.nanoTime() - epochStart) / 1e9, DeadUnits.measure(network, h, data.test())));
			if (epoch < h.epochs() && (!checkpointed || System.nanoTime() - lastCheckpoint >= checkpointIntervalNanos)) {
				job.checkpoint(network, new Checkpoint(epoch, 0, job.iteration()));
				checkpointed = true;
				lastCheckpoint = System.nanoTime();
			}
		}
		return new Outcome(Status.COMPLETED, network, evaluation);
	}

}

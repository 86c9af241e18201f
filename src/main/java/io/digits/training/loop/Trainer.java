package io.digits.training.loop;

import java.io.IOException;
import java.util.Optional;

import io.digits.data.Dataset;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.EpochSummary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.stereotype.Component;

/**
 * Trains one run's network: an epoch loop over reshuffled minibatches with a {@link LossRecorder} on the network, an
 * evaluation of the test set after every epoch, and checks for cancellation and shutdown between iterations. A run
 * with a checkpoint goes on from it: same network, same updater state, and the same sequence of batches it would have
 * seen without the interruption.
 */
@Component
public class Trainer {

	private final long checkpointIntervalNanos;

	Trainer(TrainingProperties properties) {
		this.checkpointIntervalNanos = properties.checkpointInterval().toNanos();
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
		LossRecorder recorder = new LossRecorder(job);
		network.setListeners(recorder);
		boolean checkpointed = restored.isPresent();
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
			recorder.resumeClock();
			while (batches.hasNext()) {
				if (job.cancelRequested()) {
					return new Outcome(Status.CANCELLED, network, null);
				}
				if (job.stopRequested()) {
					job.checkpoint(network, new Checkpoint(epoch - 1, batchesDone, job.iteration()));
					return new Outcome(Status.STOPPED, network, null);
				}
				network.fit(batches.next());
				batchesDone++;
				double loss = recorder.lastLoss();
				if (!Double.isFinite(loss)) {
					throw new TrainingDivergedException(loss, job.iteration() + 1, h.learningRate());
				}
				lossSum += loss;
				lossCount++;
			}
			batches.reset();
			network.incrementEpochCount();
			evaluation = TestSetEvaluation.of(network, data.test());
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

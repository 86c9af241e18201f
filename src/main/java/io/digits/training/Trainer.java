package io.digits.training;

import java.io.IOException;
import java.util.Optional;

import io.digits.data.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.stereotype.Component;

/**
 * Trains one job's network: an epoch loop over reshuffled minibatches with a {@link LossRecorder} on the network,
 * an evaluation of the test set after every epoch, and checks for cancellation and shutdown between iterations. A job
 * with a checkpoint goes on from it: same network, same updater state, and the same sequence of batches it would have
 * seen without the interruption.
 */
@Component
class Trainer {

	private final TrainingMetrics metrics;

	private final JobStore store;

	private final long checkpointIntervalNanos;

	Trainer(TrainingMetrics metrics, JobStore store, TrainingProperties properties) {
		this.metrics = metrics;
		this.store = store;
		this.checkpointIntervalNanos = properties.checkpointInterval().toNanos();
	}

	/** How training ended. */
	enum Status {

		COMPLETED, CANCELLED,

		/** Stopped for a shutdown, checkpointed to go on at the next start. */
		STOPPED

	}

	record Outcome(Status status, MultiLayerNetwork network, TestEvaluation evaluation) {
	}

	Outcome train(TrainingJob job, Dataset data) throws IOException {
		Hyperparameters h = job.hyperparameters();
		ShufflingIterator batches = new ShufflingIterator(data.train(), h.trainLimit(), h.batchSize(), h.seed());
		Optional<JobStore.Restored> restored = store.loadCheckpoint(job.id());
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
		LossRecorder recorder = new LossRecorder(job, metrics);
		network.setListeners(recorder);
		boolean checkpointed = restored.isPresent();
		long lastCheckpoint = System.nanoTime();
		TestEvaluation evaluation = null;
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
					checkpoint(job, network, new Checkpoint(epoch - 1, batchesDone, job.iteration()));
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
			evaluation = TestEvaluation.of(network, data.test());
			job.epochDone(new EpochSummary(epoch, lossSum / Math.max(1, lossCount), evaluation.loss(),
					evaluation.accuracy(), (System.nanoTime() - epochStart) / 1e9, DeadUnits.measure(network, h, data.test())));
			job.diagnosed(Diagnosis.of(job));
			if (epoch < h.epochs() && (!checkpointed || System.nanoTime() - lastCheckpoint >= checkpointIntervalNanos)) {
				checkpoint(job, network, new Checkpoint(epoch, 0, job.iteration()));
				checkpointed = true;
				lastCheckpoint = System.nanoTime();
			}
		}
		return new Outcome(Status.COMPLETED, network, evaluation);
	}

	/**
	 * The record and the loss curve, then the network and where it stands. A crash anywhere in between leaves the
	 * record and curve at or ahead of the last whole checkpoint, and a resume cuts them back to it: no epoch is lost
	 * from the record and no batch is trained twice.
	 */
	private void checkpoint(TrainingJob job, MultiLayerNetwork network, Checkpoint checkpoint) throws IOException {
		store.save(job.record());
		store.saveLoss(job.id(), job.lossHistory().points(1, Integer.MAX_VALUE));
		store.saveCheckpoint(job.id(), network, checkpoint);
	}

}

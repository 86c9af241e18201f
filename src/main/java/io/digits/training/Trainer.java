package io.digits.training;

import java.util.Optional;

import io.digits.data.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.stereotype.Component;

/**
 * Trains one job's network: an epoch loop over reshuffled minibatches with a {@link LossRecorder} on the network,
 * an evaluation of the test set after every epoch, and a check for cancellation between iterations.
 */
@Component
class Trainer {

	private final TrainingMetrics metrics;

	Trainer(TrainingMetrics metrics) {
		this.metrics = metrics;
	}

	/** The trained network and its last evaluation, or empty when the job was cancelled. */
	Optional<TrainedNetwork> train(TrainingJob job, Dataset data) {
		Hyperparameters h = job.hyperparameters();
		MultiLayerNetwork network = NetworkFactory.create(h);
		LossRecorder recorder = new LossRecorder(job, metrics);
		network.setListeners(recorder);
		ShufflingIterator batches = new ShufflingIterator(data.train(), h.trainLimit(), h.batchSize(), h.seed());
		TestEvaluation evaluation = null;
		long iteration = 0;
		for (int epoch = 1; epoch <= h.epochs(); epoch++) {
			long epochStart = System.nanoTime();
			job.epochStarted(epoch);
			double lossSum = 0;
			int lossCount = 0;
			recorder.resumeClock();
			while (batches.hasNext()) {
				if (job.cancelRequested()) {
					return Optional.empty();
				}
				network.fit(batches.next());
				iteration++;
				double loss = recorder.lastLoss();
				if (!Double.isFinite(loss)) {
					throw new TrainingDivergedException(loss, iteration, h.learningRate());
				}
				lossSum += loss;
				lossCount++;
			}
			batches.reset();
			network.incrementEpochCount();
			evaluation = TestEvaluation.of(network, data.test());
			job.epochDone(new EpochSummary(epoch, lossSum / lossCount, evaluation.loss(), evaluation.accuracy(),
					(System.nanoTime() - epochStart) / 1e9));
		}
		return Optional.of(new TrainedNetwork(network, evaluation));
	}

	record TrainedNetwork(MultiLayerNetwork network, TestEvaluation evaluation) {
	}

}

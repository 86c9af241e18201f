package io.digits.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A DL4J listener that hands the loss of every iteration to the job (its history and event stream) and the metrics. The loss is the data loss
 * (cross-entropy), comparable with the test loss: DL4J's score also holds the L2 and weight-decay penalties, which are
 * taken out. A loss that is not finite is kept for the trainer to act on after the iteration: throwing inside DL4J's
 * fit could leave its workspaces open.
 */
final class LossRecorder extends BaseTrainingListener {

	private final TrainingJob job;

	private final boolean regularized;

	private long lastIterationEnd = System.nanoTime();

	private double lastLoss = Double.NaN;

	private final TrainingMetrics metrics;

	LossRecorder(TrainingJob job, TrainingMetrics metrics) {
		this.job = job;
		this.metrics = metrics;
		this.regularized = job.hyperparameters().l2() > 0 || job.hyperparameters().weightDecay() > 0;
	}

	/** Starts the clock again after work that is not training, such as evaluation between epochs. */
	void resumeClock() {
		lastIterationEnd = System.nanoTime();
	}

	/** The data loss of the last iteration: NaN or an infinity when training diverged. */
	double lastLoss() {
		return lastLoss;
	}

	@Override
	public void iterationDone(Model model, int iteration, int epoch) {
		long now = System.nanoTime();
		double loss = model.score();
		if (regularized && model instanceof MultiLayerNetwork network) {
			loss -= network.calcRegularizationScore(true);
		}
		lastLoss = loss;
		if (Double.isFinite(loss)) {
			job.iterationDone(loss, model.batchSize(), now - lastIterationEnd);
			metrics.iterationDone(model.batchSize());
		}
		lastIterationEnd = now;
	}

}

package io.digits.training.loop;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A DL4J listener that hands the loss of every iteration to the run (the job's history, event stream and metrics). The loss is the data loss
 * (cross-entropy), comparable with the test loss: DL4J's score also holds the L2 and weight-decay penalties, which are
 * taken out. A loss that is not finite is kept for the trainer to act on after the iteration: throwing inside DL4J's
 * fit could leave its workspaces open.
 */
final class LossRecorder extends BaseTrainingListener {

	private final TrainingRun run;

	private final boolean regularized;

	private long lastIterationEnd = System.nanoTime();

	private double lastLoss = Double.NaN;

	LossRecorder(TrainingRun run) {
		this.run = run;
		this.regularized = run.hyperparameters().l2() > 0 || run.hyperparameters().weightDecay() > 0;
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
			run.iterationDone(loss, model.batchSize(), now - lastIterationEnd);
		}
		lastIterationEnd = now;
	}

}

package io.digits.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A DL4J listener that hands the loss of every iteration to the job and its history. A loss that is not finite is
 * kept for the trainer to act on after the iteration: throwing inside DL4J's fit could leave its workspaces open.
 */
final class LossRecorder extends BaseTrainingListener {

	private final TrainingJob job;

	private final LossHistory history;

	private long lastIterationEnd = System.nanoTime();

	private double nonFiniteLoss = 0;

	LossRecorder(TrainingJob job, LossHistory history) {
		this.job = job;
		this.history = history;
	}

	/** Starts the clock again after work that is not training, such as evaluation between epochs. */
	void resumeClock() {
		lastIterationEnd = System.nanoTime();
	}

	/** NaN or an infinity when the last iteration's loss was one, else 0. */
	double nonFiniteLoss() {
		return nonFiniteLoss;
	}

	@Override
	public void iterationDone(Model model, int iteration, int epoch) {
		long now = System.nanoTime();
		double loss = model.score();
		if (!Double.isFinite(loss)) {
			nonFiniteLoss = loss;
			return;
		}
		history.append(loss);
		job.iterationDone(loss, model.batchSize(), now - lastIterationEnd);
		lastIterationEnd = now;
	}

}

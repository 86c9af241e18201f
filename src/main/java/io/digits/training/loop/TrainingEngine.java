package io.digits.training.loop;

import io.digits.data.LabelledImages;

/**
 * Trains one batch at a time on a network and reports each iteration to the run. Two implementations: DL4J's
 * {@code fit} ({@link Dl4jEngine}) and the fused CPU step ({@link FusedEngine}); the loop around them is the same.
 * Used and closed by the training thread.
 */
interface TrainingEngine extends AutoCloseable {

	/** Trains the next batch of {@code batches}; the data loss of the batch (not finite when training diverged). */
	double fit(ShufflingIterator batches);

	/** The network's accuracy and loss on a test set, after an epoch. */
	TestSetEvaluation evaluate(LabelledImages test);

	/** Starts the iteration clock again after work that is not training, such as evaluation between epochs. */
	void resumeClock();

	@Override
	void close();

}

package io.digits.training.loop;

import io.digits.data.LabelledImages;
import io.digits.training.fused.FusedClassifier;
import io.digits.training.fused.FusedDenseStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The fused CPU step ({@link FusedDenseStep}) on the run's network: the same update as DL4J's {@code fit}, without its
 * per-call overhead. It gathers each batch itself, from the iterator's rows, and calls no DL4J listener: it hands
 * each iteration's loss and time to the run itself.
 */
final class FusedEngine implements TrainingEngine {

	private final FusedDenseStep step;

	private final TrainingRun run;

	private final FusedClassifier classifier;

	private long lastIterationEnd = System.nanoTime();

	FusedEngine(MultiLayerNetwork network, TrainingRun run, int maxBatchSize) {
		this.step = new FusedDenseStep(network, maxBatchSize);
		this.run = run;
		try {
			this.classifier = new FusedClassifier(step);
		}
		catch (RuntimeException | Error failure) {
			step.close();
			throw failure;
		}
		network.setListeners();
	}

	@Override
	public double fit(ShufflingIterator batches) {
		int samples;
		if (batches.wholeSetPerBatch()) {
			// the dataset itself, read in place: no copy of a full batch
			DataSet batch = batches.next();
			step.step(batch.getFeatures(), batch.getLabels());
			samples = (int) batch.getFeatures().size(0);
		}
		else {
			int[] rows = batches.nextRows();
			step.step(batches.data().features(), batches.data().labels(), rows, rows.length);
			samples = rows.length;
		}
		double loss = step.lastDataLoss();
		long now = System.nanoTime();
		if (Double.isFinite(loss)) {
			run.iterationDone(loss, samples, now - lastIterationEnd);
		}
		lastIterationEnd = now;
		return loss;
	}

	/** With the fused forward pass: the same numbers as DL4J's {@code output}, to float32 rounding, faster. */
	@Override
	public TestSetEvaluation evaluate(LabelledImages test) {
		int[] predicted = new int[test.count()];
		float[] actualProbability = new float[test.count()];
		classifier.classify(test.features(), test.classes(), predicted, actualProbability);
		return TestSetEvaluation.of(predicted, actualProbability, test.classes());
	}

	@Override
	public void resumeClock() {
		lastIterationEnd = System.nanoTime();
	}

	/** Frees the step's buffers; the network's own arrays stay, for the model and the checkpoint. */
	@Override
	public void close() {
		classifier.close();
		step.close();
	}

}

package io.digits.training.loop;

import io.digits.data.LabelledImages;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** DL4J's own training: {@code fit} per batch, the loss handed to the run by a {@link LossRecorder} listener. */
final class Dl4jEngine implements TrainingEngine {

	private final MultiLayerNetwork network;

	private final LossRecorder recorder;

	Dl4jEngine(MultiLayerNetwork network, TrainingRun run) {
		this.network = network;
		this.recorder = new LossRecorder(run);
		network.setListeners(recorder);
	}

	@Override
	public double fit(ShufflingIterator batches) {
		network.fit(batches.next());
		return recorder.lastLoss();
	}

	@Override
	public TestSetEvaluation evaluate(LabelledImages test) {
		return TestSetEvaluation.of(network, test);
	}

	@Override
	public void resumeClock() {
		recorder.resumeClock();
	}

	@Override
	public void close() {
		network.setListeners();
	}

}

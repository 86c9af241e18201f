package io.digits.training.fused;

import java.util.List;

import io.digits.data.LabelledImages;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The fused forward pass classifies as DL4J's {@code output} does, on a partly trained network and real digits. */
class FusedClassifierTests {

	@Test
	void everyPredictionAndTrueClassProbabilityIsDl4jsOutput() {
		Hyperparameters h = FusedDenseStepTests.h(List.of(128, 64), Activation.TANH, Optimizer.ADAM, 1e-3, false, 64,
				0, 0);
		MultiLayerNetwork network = FusedDenseStepTests.copies(h, 1)[0];
		LabelledImages images = MnistBatches.images();
		int count = images.count();
		int[] predicted = new int[count];
		float[] probability = new float[count];
		try (FusedDenseStep step = new FusedDenseStep(network, 64); FusedClassifier classifier = new FusedClassifier(step)) {
			for (int i = 0; i < 30; i++) {
				DataSet batch = MnistBatches.batch(i, 64);
				step.step(batch.getFeatures(), batch.getLabels());
			}
			classifier.classify(images.features(), images.classes(), predicted, probability);
		}
		INDArray output = network.output(images.features());
		int disagreements = 0, correct = 0;
		double worst = 0;
		for (int i = 0; i < count; i++) {
			int dl4j = output.getRow(i).argMax().getInt(0);
			disagreements += dl4j == predicted[i] ? 0 : 1;
			correct += predicted[i] == images.classes()[i] ? 1 : 0;
			worst = Math.max(worst, Math.abs(output.getFloat(i, images.classes()[i]) - probability[i]));
		}
		System.out.printf("[fused classifier] %d of %d predictions differ from DL4J's output; worst true-class "
				+ "probability difference %.2e; accuracy %.4f%n", disagreements, count, worst, correct / (double) count);

		assertThat(disagreements).isLessThanOrEqualTo(1);
		assertThat(worst).isLessThan(1e-5);
		assertThat(correct / (double) count).isCloseTo(0.85, within(0.1));
	}

	@Test
	void labelsAndFeaturesThatDoNotMatchAreRefused() {
		Hyperparameters h = FusedDenseStepTests.h(List.of(16), Activation.RELU, Optimizer.SGD, 0.1, false, 8, 0, 0);
		LabelledImages images = MnistBatches.images();
		try (FusedDenseStep step = new FusedDenseStep(FusedDenseStepTests.copies(h, 1)[0], 8);
				FusedClassifier classifier = new FusedClassifier(step)) {
			int[] predicted = new int[images.count()];
			float[] probability = new float[images.count()];
			assertThatThrownBy(() -> classifier.classify(images.features(), new byte[10], predicted, probability))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("for 10 labels");
			byte[] wrong = images.classes().clone();
			wrong[5] = 10;
			assertThatThrownBy(() -> classifier.classify(images.features(), wrong, predicted, probability))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 10 of 10");
			assertThatThrownBy(() -> classifier.classify(images.labels(), images.classes(), predicted, probability))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, 784]");
		}
	}

}

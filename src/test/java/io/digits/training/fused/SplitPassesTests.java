package io.digits.training.fused;

import java.util.List;

import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch split over the training thread and a helper gives DL4J's gradient to float32 rounding, the same numbers
 * every time, and the same training as one thread to rounding; a failure on the helper reaches the caller.
 */
class SplitPassesTests {

	private static final Hyperparameters SEED = FusedDenseStepTests.h(List.of(128, 64), Activation.RELU,
			Optimizer.ADAM, 1e-3, false, 128, 0, 0);

	@Test
	void aSplitBatchHasDl4jsGradientAndTheSameNumbersEveryTime() {
		MultiLayerNetwork[] nets = FusedDenseStepTests.copies(SEED, 3);
		DataSet batch = MnistBatches.batch(0, 127);
		nets[0].setInput(batch.getFeatures());
		nets[0].setLabels(batch.getLabels());
		nets[0].computeGradientAndScore();
		float[] dl4j = Agreement.values(nets[0].getFlattenedGradients());
		try (FusedDenseStep split = new FusedDenseStep(nets[1], 128, 2);
				FusedDenseStep splitAgain = new FusedDenseStep(nets[2], 128, 2)) {
			double score = split.computeGradient(batch.getFeatures(), batch.getLabels());
			Agreement gradient = Agreement.of(dl4j, split.gradientCopy(), Double.POSITIVE_INFINITY);
			System.out.printf("[split over 2 threads, 127 rows] gradient: %s%n", gradient);

			assertThat(gradient.worstOfLargest()).isLessThan(1e-6);
			assertThat(score).isCloseTo(nets[0].score(), org.assertj.core.api.Assertions.within(1e-6));
			splitAgain.computeGradient(batch.getFeatures(), batch.getLabels());
			assertThat(splitAgain.gradientCopy()).containsExactly(split.gradientCopy());
		}
	}

	@Test
	void aHundredSplitStepsStayWithinRoundingOfOneThread() {
		MultiLayerNetwork[] nets = FusedDenseStepTests.copies(SEED, 2);
		try (FusedDenseStep one = new FusedDenseStep(nets[0], 128, 1);
				FusedDenseStep two = new FusedDenseStep(nets[1], 128, 2)) {
			for (int i = 0; i < 100; i++) {
				DataSet batch = MnistBatches.batch(i, 128);
				one.step(batch.getFeatures(), batch.getLabels());
				two.step(batch.getFeatures(), batch.getLabels());
			}
		}
		Agreement params = Agreement.of(Agreement.values(nets[0].params()), Agreement.values(nets[1].params()), 0);
		System.out.printf("[100 steps, 1 thread against 2] params: %s%n", params);
		assertThat(params.worstOfLargest()).isLessThan(1e-3);
		assertThat(nets[1].getIterationCount()).isEqualTo(100);
	}

	@Test
	void whatTheHelperThrowsReachesTheTrainingThreadAndTheHelperGoesOn() {
		try (HelperThread helper = new HelperThread("test-helper")) {
			helper.start(() -> {
				throw new IllegalStateException("on the helper");
			});
			assertThatThrownBy(helper::await).isInstanceOf(IllegalStateException.class).hasMessage("on the helper");
			int[] ran = new int[1];
			helper.start(() -> ran[0]++);
			helper.await();
			assertThat(ran[0]).isEqualTo(1);
		}
	}

	@Test
	void closingTheHelperWaitsForTheTaskHandedOver() {
		boolean[] finished = new boolean[1];
		HelperThread helper = new HelperThread("test-helper");
		helper.start(() -> {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finished[0] = true;
		});

		helper.close();

		// close() joined the thread: what the task wrote is visible, and nothing runs on after it
		assertThat(finished[0]).isTrue();
		assertThatThrownBy(() -> helper.start(() -> {
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
	}

}

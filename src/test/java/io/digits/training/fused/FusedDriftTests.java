package io.digits.training.fused;

import io.digits.support.SlowTest;
import io.digits.training.fused.FusedDenseStepTests.Case;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;

import static io.digits.training.fused.FusedDenseStepTests.copies;
import static io.digits.training.fused.FusedDenseStepTests.difference;
import static io.digits.training.fused.FusedDenseStepTests.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both engines trained side by side for 100 steps on the same real MNIST batches, from the same parameters, in
 * every configuration the fused step covers: the float32 rounding of the gradients (a few 1e-7 of the largest) must
 * not grow into a different run. About 20 s for the twelve configurations on a shared two-core machine, hence the
 * slow tier.
 */
@SlowTest
class FusedDriftTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.digits.training.fused.FusedDenseStepTests#configurations")
	void aHundredStepsStayWithDl4j(Case c) {
		MultiLayerNetwork[] nets = copies(c.h(), 2);
		MultiLayerNetwork dl4j = nets[0], fused = nets[1];
		float[] initial = Agreement.values(dl4j.params());
		double worstScore = 0;
		try (FusedDenseStep step = new FusedDenseStep(fused, c.h().batchSize())) {
			for (int i = 0; i < 100; i++) {
				DataSet batch = MnistBatches.batch(i, c.h().batchSize());
				dl4j.fit(batch);
				double score = step.step(batch.getFeatures(), batch.getLabels());
				// relative, but a single sample's loss can be near 0: judged against at least 0.01
				worstScore = Math.max(worstScore, Math.abs(score - dl4j.score()) / Math.max(0.01, dl4j.score()));
			}
		}
		float[] reference = Agreement.values(dl4j.params());
		Agreement params = Agreement.of(reference, Agreement.values(fused.params()), 0);
		Agreement travelled = Agreement.of(difference(reference, initial),
				difference(Agreement.values(fused.params()), initial), 0);
		Agreement state = state(dl4j, fused);
		System.out.printf("[100 steps] %s%n  params:    %s%n  travelled: %s%n  state:     %s%n"
				+ "  worst score difference %.2e%n", c, params, travelled, state, worstScore);

		assertThat(fused.getIterationCount()).isEqualTo(dl4j.getIterationCount()).isEqualTo(100);
		assertThat(worstScore).as("scores along the way").isLessThan(1e-4);
		assertThat(travelled.meanRelative()).as("distance travelled, mean").isLessThan(1e-5);
		assertThat(params.worstOfLargest()).as("parameters, worst").isLessThan(1e-4);
		assertThat(state.meanRelative()).as("updater state, mean").isLessThan(1e-5);
	}

}

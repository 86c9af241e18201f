package io.digits.training.network;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Heavy-ball momentum, step by step against the formula v = mu v + g, step = lr v. */
class ClassicalMomentumTests {

	@Test
	void theStepIsTheLearningRateTimesTheVelocityThatAccumulatesGradients() {
		ClassicalMomentum momentum = new ClassicalMomentum(0.1, 0.9);
		INDArray state = Nd4j.zeros(1, 2);
		GradientUpdater<?> updater = momentum.instantiate(state, true);

		INDArray first = Nd4j.createFromArray(new float[][] { { 1f, -2f } });
		updater.applyUpdater(first, 0, 0);
		// v = g = (1, -2); step = 0.1 v
		assertThat(first.getDouble(0, 0)).isCloseTo(0.1, within(1e-6));
		assertThat(first.getDouble(0, 1)).isCloseTo(-0.2, within(1e-6));

		INDArray second = Nd4j.createFromArray(new float[][] { { 1f, 0f } });
		updater.applyUpdater(second, 1, 0);
		// v = 0.9 (1, -2) + (1, 0) = (1.9, -1.8); step = 0.1 v
		assertThat(second.getDouble(0, 0)).isCloseTo(0.19, within(1e-6));
		assertThat(second.getDouble(0, 1)).isCloseTo(-0.18, within(1e-6));
		// the velocity lives in the state array DL4J checkpoints with the network
		assertThat(state.getDouble(0, 0)).isCloseTo(1.9, within(1e-6));
	}

	@Test
	void aScheduleReplacesTheConstantRate() {
		ClassicalMomentum momentum = new ClassicalMomentum(0.1, 0.9);
		momentum.setLrAndSchedule(0.1, new CosineSchedule(0.1, 100));

		assertThat(momentum.getLearningRate(0, 0)).isCloseTo(0.1, within(1e-12));
		assertThat(momentum.getLearningRate(50, 0)).isCloseTo(0.05, within(1e-12));
		assertThat(momentum.getLearningRate(100, 0)).isCloseTo(0.0, within(1e-12));
	}

	@Test
	void itSurvivesTheNetworkConfigurationsJsonAsModelFilesStoreIt() {
		ClassicalMomentum momentum = new ClassicalMomentum(0.02, 0.8);
		momentum.setLrAndSchedule(0.02, new CosineSchedule(0.02, 500));
		String json = new NeuralNetConfiguration.Builder().updater(momentum).list()
			.layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(2).nOut(2).build())
			.build()
			.toJson();

		ClassicalMomentum restored = (ClassicalMomentum) org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(json)
			.getConf(0)
			.getLayer()
			.getUpdaterByParam("W");

		assertThat(restored).isEqualTo(momentum);
		assertThat(JsonMapper.builder().build().writeValueAsString(restored.getMomentum())).isEqualTo("0.8");
	}

}

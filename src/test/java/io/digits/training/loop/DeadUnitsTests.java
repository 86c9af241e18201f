package io.digits.training.loop;

import java.util.List;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.support.MnistSamples;
import io.digits.training.JobRequest;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Hyperparameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead ReLU units measured on a real network and real test digits. */
class DeadUnitsTests {

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	@Test
	void aFreshReluNetworkHasFewDeadUnitsAndOneWithNegativeBiasesHasOnlyDeadOnes() {
		Hyperparameters h = hyperparameters("{\"trainLimit\": 2000, \"epochs\": 1}");
		MultiLayerNetwork network = NetworkFactory.create(h);

		List<Double> fresh = DeadUnits.measure(network, h, MNIST.test());

		assertThat(fresh).hasSize(2).allSatisfy(fraction -> assertThat(fraction).isLessThan(0.2));

		// biases far below any weighted sum of pixels in [0, 1]: no unit of the first layer can fire
		network.getLayer(0).getParam("b").assign(-1000);
		List<Double> killed = DeadUnits.measure(network, h, MNIST.test());

		assertThat(killed.get(0)).isEqualTo(1.0);
	}

	@Test
	void onlyRectifiersAreMeasured() {
		Hyperparameters tanh = hyperparameters("{\"activation\": \"tanh\"}");

		assertThat(DeadUnits.measure(NetworkFactory.create(tanh), tanh, MNIST.test())).isNull();
	}

	private static Hyperparameters hyperparameters(String json) {
		return JsonMapper.builder().build().readValue(json, JobRequest.class).resolve(60_000);
	}

}

package io.digits.training.loop;

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
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A run's network gives its native memory back on the training thread, whether the run ended well or not. */
class NetworkReleaseTests {

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	@Test
	void releasingANetworkThatTrainedClosesItsArraysAndThisThreadsWorkspaces() {
		Hyperparameters h = JsonMapper.builder().build()
			.readValue("{\"trainLimit\": 256, \"batchSize\": 128, \"epochs\": 1}", JobRequest.class)
			.resolve(60_000);
		MultiLayerNetwork network = NetworkFactory.create(h);
		ShufflingIterator batches = new ShufflingIterator(MNIST.train(), h.trainLimit(), h.batchSize(), h.seed());
		network.fit(batches.next());
		assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()).isNotEmpty();

		NetworkRelease.release(network);

		assertThat(network.params().wasClosed()).isTrue();
		assertThat(network.getUpdater().getStateViewArray().wasClosed()).isTrue();
		assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()).isEmpty();
		// twice, or with no network at all (a run that failed before building one), is harmless
		assertThatCode(() -> NetworkRelease.release(network)).doesNotThrowAnyException();
		assertThatCode(() -> NetworkRelease.release(null)).doesNotThrowAnyException();
	}

}

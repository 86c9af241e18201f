package io.digits.data;

import java.nio.file.Files;
import java.nio.file.Path;

import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatasetRepositoryTests {

	@Test
	void mnistIsLoadedOnceAsScaledFloatsWithOneHotLabels() {
		DatasetRepository repository = new DatasetRepository(new DataProperties(MnistSamples.dataDir()));

		Dataset mnist = repository.get(DatasetName.MNIST);

		assertThat(repository.get(DatasetName.MNIST)).isSameAs(mnist);
		assertThat(mnist.train().features().shape()).containsExactly(60_000, 784);
		assertThat(mnist.test().features().shape()).containsExactly(10_000, 784);
		assertThat(mnist.train().features().minNumber().doubleValue()).isEqualTo(0.0);
		assertThat(mnist.train().features().maxNumber().doubleValue()).isEqualTo(1.0);
		assertThat(mnist.test().labels().sum(1).minNumber().doubleValue()).isEqualTo(1.0);
		assertThat(mnist.test().labels().getDouble(0, 7)).isEqualTo(1.0);
		assertThat(mnist.train().classCounts(60_000)).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265,
				5851, 5949);
	}

	@Test
	void fashionMnistIsReadFromItsGzipFiles() {
		assumeTrue(Files.exists(MnistSamples.dataDir().resolve("fashion-mnist/train-images-idx3-ubyte.gz")),
				"Fashion-MNIST is not installed (Debian's dataset-fashion-mnist); scripts/fetch-data.sh skipped it");
		DatasetRepository repository = new DatasetRepository(new DataProperties(MnistSamples.dataDir()));

		Dataset fashion = repository.get(DatasetName.FASHION_MNIST);

		assertThat(fashion.train().count()).isEqualTo(60_000);
		assertThat(fashion.train().classCounts(60_000)).containsOnly(6000);
	}

	@Test
	void aMissingDatasetFailsWithTheFileAndHowToFetchIt(@TempDir Path empty) {
		DatasetRepository repository = new DatasetRepository(new DataProperties(empty));

		assertThatThrownBy(() -> repository.get(DatasetName.MNIST)).isInstanceOf(DatasetUnavailableException.class)
			.hasMessageContaining("train-images-idx3-ubyte")
			.hasMessageContaining("scripts/fetch-data.sh");
	}

}

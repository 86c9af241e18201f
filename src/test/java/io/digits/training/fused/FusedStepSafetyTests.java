package io.digits.training.fused;

import java.util.List;

import io.digits.data.DatasetName;
import io.digits.data.LabelledImages;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Loss;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.OutputActivation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong shapes, released networks and uncovered configurations fail loudly, before any native call writes. */
class FusedStepSafetyTests {

	private static final Hyperparameters SEED = FusedDenseStepTests.h(List.of(128, 64), Activation.RELU, Optimizer.ADAM,
			1e-3, false, 32, 0, 0);

	@Test
	void aBatchOfTheWrongShapeOrLayoutIsRefusedAndChangesNothing() {
		MultiLayerNetwork network = NetworkFactory.create(SEED);
		INDArray before = network.params().dup();
		DataSet batch = MnistBatches.batch(0, 32);
		INDArray x = batch.getFeatures(), y = batch.getLabels();
		try (FusedDenseStep step = new FusedDenseStep(network, 32)) {
			assertThatThrownBy(() -> step.step(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 783)).dup(), y))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, 784]");
			assertThatThrownBy(() -> step.step(x, y.get(NDArrayIndex.interval(0, 31), NDArrayIndex.all()).dup()))
				.isInstanceOf(IllegalArgumentException.class);
			DataSet tooMany = MnistBatches.batch(0, 33);
			assertThatThrownBy(() -> step.step(tooMany.getFeatures(), tooMany.getLabels()))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 32");
			assertThatThrownBy(() -> step.step(x.castTo(DataType.DOUBLE), y))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
			// a view that starts inside its buffer, and a column-major copy: refused, not guessed at
			assertThatThrownBy(() -> step.step(x.get(NDArrayIndex.interval(1, 11), NDArrayIndex.all()),
					y.get(NDArrayIndex.interval(1, 11), NDArrayIndex.all())))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense run");
			assertThatThrownBy(() -> step.step(x.dup('f'), y)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("dense run");
			assertThat(network.params()).isEqualTo(before);
			assertThat(network.getIterationCount()).isZero();
		}
	}

	@Test
	void rowsGatheredByTheStepTrainAsTheSameRowsGatheredByNd4j() {
		MultiLayerNetwork[] twins = FusedDenseStepTests.copies(SEED, 2);
		LabelledImages images = MnistBatches.images();
		int[] rows = { 5, 3999, 0, 17, 250, 4, 1200, 33 };
		try (FusedDenseStep gathering = new FusedDenseStep(twins[0], 32);
				FusedDenseStep given = new FusedDenseStep(twins[1], 32)) {
			for (int i = 0; i < 3; i++) {
				double gatheredScore = gathering.step(images.features(), images.labels(), rows, rows.length);
				double givenScore = given.step(Nd4j.pullRows(images.features(), 1, rows),
						Nd4j.pullRows(images.labels(), 1, rows));
				assertThat(gatheredScore).isEqualTo(givenScore);
			}
		}
		assertThat(twins[0].params()).isEqualTo(twins[1].params());
		assertThat(twins[0].getUpdater().getStateViewArray()).isEqualTo(twins[1].getUpdater().getStateViewArray());
	}

	@Test
	void aRowOutsideTheDatasetOrTooManyRowsAreRefusedBeforeAnyCopy() {
		MultiLayerNetwork network = NetworkFactory.create(SEED);
		INDArray before = network.params().dup();
		LabelledImages images = MnistBatches.images();
		try (FusedDenseStep step = new FusedDenseStep(network, 4)) {
			assertThatThrownBy(() -> step.step(images.features(), images.labels(), new int[] { 0, images.count() }, 2))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row " + images.count());
			assertThatThrownBy(() -> step.step(images.features(), images.labels(), new int[] { -1 }, 1))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row -1");
			assertThatThrownBy(() -> step.step(images.features(), images.labels(), new int[] { 0, 1, 2, 3, 4 }, 5))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4");
			assertThatThrownBy(() -> step.step(images.labels(), images.features(), new int[] { 0 }, 1))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, 784]");
		}
		assertThat(network.params()).isEqualTo(before);
		assertThat(network.getIterationCount()).isZero();
	}

	@Test
	void chunksCoverEveryRowOnceInWholeRows() {
		Chunks chunks = new Chunks(100);
		List<Chunks.Span> spans = new java.util.ArrayList<>();
		chunks.of(1000, 100).forEach(spans::add);
		assertThat(spans).extracting(Chunks.Span::rows).containsExactly(163, 163, 163, 163, 163, 163, 22);
		assertThat(spans.get(1).start()).isEqualTo(16300);
		assertThat(spans.stream().mapToInt(Chunks.Span::length).sum()).isEqualTo(100_000);
		// a row longer than the arrays makes them longer, one row per span
		Chunks wide = new Chunks(20_000);
		assertThat(wide.first).hasSize(20_000);
		assertThat(wide.of(3, 20_000)).extracting(Chunks.Span::rows).containsExactly(1, 1, 1);
		assertThatThrownBy(() -> chunks.of(1, Chunks.SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void memoryTheNetworkNoLongerOwnsIsNeverWrittenThrough() {
		MultiLayerNetwork network = NetworkFactory.create(SEED);
		DataSet batch = MnistBatches.batch(0, 32);
		FusedDenseStep step = new FusedDenseStep(network, 32);
		step.step(batch.getFeatures(), batch.getLabels());

		network.params().close();

		assertThatThrownBy(() -> step.step(batch.getFeatures(), batch.getLabels()))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("parameters were replaced or closed");
		step.close();
		assertThatThrownBy(() -> step.step(batch.getFeatures(), batch.getLabels()))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
	}

	@Test
	void aNetworkTheStepDoesNotReproduceIsRefusedWithTheReason() {
		assertThatThrownBy(() -> new FusedDenseStep(NetworkFactory.create(with(0.2, Optimizer.ADAM,
				OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY)), 32))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout");
		assertThatThrownBy(() -> new FusedDenseStep(NetworkFactory.create(with(0, Optimizer.RMSPROP,
				OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY)), 32))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updater");
		assertThatThrownBy(() -> new FusedDenseStep(NetworkFactory.create(with(0, Optimizer.SGD,
				OutputActivation.IDENTITY, Loss.SOFTMAX_CROSS_ENTROPY)), 32))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output activation");
		assertThatThrownBy(() -> new FusedDenseStep(NetworkFactory.create(with(0, Optimizer.SGD,
				OutputActivation.SOFTMAX, Loss.MSE)), 32))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss");
	}

	@Test
	void openBlasRunsOneThreadForTheStep() {
		try (FusedDenseStep step = new FusedDenseStep(NetworkFactory.create(SEED), 8)) {
			assertThat(org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads()).isEqualTo(1);
		}
	}

	@Test
	void theProductsAreOpenBlasOnTheRightOperands() {
		// a 2x3 by 3x2 product through the checked door, against the numbers worked by hand
		try (FloatArea a = area(1, 2, 3, 4, 5, 6); FloatArea b = area(7, 8, 9, 10, 11, 12);
				FloatArea c = FloatArea.allocate(4)) {
			Sgemm.rowMajor(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2);
			float[] product = new float[4];
			c.buffer().get(0, product);
			assertThat(product).containsExactly(58, 64, 139, 154);
			assertThatThrownBy(() -> Sgemm.rowMajor(false, false, 3, 2, 3, 1f, a, 3, b, 2, 0f, c, 2))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A: 3x3");
		}
	}

	private static FloatArea area(float... values) {
		FloatArea area = FloatArea.allocate(values.length);
		area.buffer().put(0, values);
		return area;
	}

	private static Hyperparameters with(double dropout, Optimizer optimizer, OutputActivation output, Loss loss) {
		return new Hyperparameters(DatasetName.MNIST, List.of(16), Activation.RELU, optimizer, 0.01,
				LearningRateSchedule.CONSTANT, 0.9, 32, 1, 0, 0, dropout, Activation.RELU.suitedInit(), 42, 1000,
				output, loss);
	}

}

package io.digits.training.loop;

import java.util.ArrayList;
import java.util.List;

import io.digits.data.LabelledImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches gathered into reused arrays hold exactly the rows asked for, in the seeded order, epoch after epoch. */
class ShufflingIteratorTests {

	/** 10 samples whose pixels all carry their own index, and whose label is index % 10. */
	private static LabelledImages numbered(int count) {
		INDArray features = Nd4j.create(DataType.FLOAT, count, LabelledImages.PIXELS);
		INDArray labels = Nd4j.create(DataType.FLOAT, count, LabelledImages.CLASSES);
		byte[] classes = new byte[count];
		for (int i = 0; i < count; i++) {
			features.getRow(i).assign(i);
			labels.putScalar(i, i % 10, 1);
			classes[i] = (byte) (i % 10);
		}
		return new LabelledImages(features, labels, classes);
	}

	@Test
	void everySampleComesOncePerEpochWithItsLabelAndTheShortLastBatchHasItsOwnArrays() {
		ShufflingIterator batches = new ShufflingIterator(numbered(10), 10, 4, 42);
		for (int epoch = 0; epoch < 3; epoch++) {
			List<Integer> seen = new ArrayList<>();
			List<Long> sizes = new ArrayList<>();
			while (batches.hasNext()) {
				DataSet batch = batches.next();
				sizes.add(batch.getFeatures().size(0));
				for (int row = 0; row < batch.numExamples(); row++) {
					int sample = (int) batch.getFeatures().getFloat(row, 783);
					assertThat(batch.getFeatures().getRow(row).minNumber().intValue()).isEqualTo(sample);
					assertThat(batch.getLabels().getRow(row).argMax().getInt(0)).isEqualTo(sample % 10);
					seen.add(sample);
				}
			}
			assertThat(sizes).containsExactly(4L, 4L, 2L);
			assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
			batches.reset();
		}
	}

	@Test
	void theSameSeedGivesTheSameBatchesAndFullBatchesShareOneArray() {
		ShufflingIterator first = new ShufflingIterator(numbered(12), 12, 4, 7);
		ShufflingIterator second = new ShufflingIterator(numbered(12), 12, 4, 7);
		DataSet earlier = null;
		for (int i = 0; i < 3; i++) {
			DataSet a = first.next();
			assertThat(a.getFeatures()).isEqualTo(second.next().getFeatures());
			if (earlier != null) {
				assertThat(a.getFeatures()).isSameAs(earlier.getFeatures());
			}
			earlier = a;
		}
	}

	@Test
	void theRowsOfABatchAreTheRowsNextWouldGather() {
		ShufflingIterator gathering = new ShufflingIterator(numbered(10), 10, 4, 3);
		ShufflingIterator naming = new ShufflingIterator(numbered(10), 10, 4, 3);
		for (int epoch = 0; epoch < 2; epoch++) {
			while (gathering.hasNext()) {
				DataSet batch = gathering.next();
				int[] rows = naming.nextRows();
				assertThat(rows).hasSize((int) batch.getFeatures().size(0));
				for (int i = 0; i < rows.length; i++) {
					assertThat(batch.getFeatures().getFloat(i, 0)).isEqualTo(rows[i]);
				}
			}
			assertThat(naming.hasNext()).isFalse();
			gathering.reset();
			naming.reset();
		}
		assertThat(new ShufflingIterator(numbered(10), 10, 10, 3).wholeSetPerBatch()).isTrue();
		assertThat(naming.wholeSetPerBatch()).isFalse();
	}

}

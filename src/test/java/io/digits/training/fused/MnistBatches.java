package io.digits.training.fused;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import io.digits.data.IdxReader;
import io.digits.data.LabelledImages;
import io.digits.support.MnistSamples;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first {@value #SAMPLES} real MNIST training images, prepared by the service's own {@link LabelledImages}, and
 * batches of them in a fixed shuffled order: the same batches for both engines.
 */
final class MnistBatches {

	static final int SAMPLES = 4000;

	private static LabelledImages images;

	private static int[] order;

	private MnistBatches() {
	}

	static synchronized LabelledImages images() {
		if (images == null) {
			try {
				Path dir = MnistSamples.dataDir().resolve("mnist");
				IdxReader.IdxImages all = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte"));
				byte[] labels = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte"), LabelledImages.CLASSES);
				IdxReader.IdxImages first = new IdxReader.IdxImages(SAMPLES, all.rows(), all.columns(),
						Arrays.copyOf(all.pixels(), SAMPLES * all.pixelsPerImage()));
				images = LabelledImages.of(first, Arrays.copyOf(labels, SAMPLES));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			order = new int[SAMPLES];
			for (int i = 0; i < SAMPLES; i++) {
				order[i] = i;
			}
			Random random = new Random(7);
			for (int i = SAMPLES - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int swap = order[i];
				order[i] = order[j];
				order[j] = swap;
			}
		}
		return images;
	}

	/** Batch number {@code step} of {@code size} samples, wrapping around the shuffled order, in fresh arrays. */
	static DataSet batch(int step, int size) {
		LabelledImages data = images();
		int[] rows = new int[size];
		for (int i = 0; i < size; i++) {
			rows[i] = order[(int) (((long) step * size + i) % SAMPLES)];
		}
		INDArray features = Nd4j.create(data.features().dataType(), size, LabelledImages.PIXELS);
		INDArray labels = Nd4j.create(data.labels().dataType(), size, LabelledImages.CLASSES);
		Nd4j.pullRows(data.features(), features, 1, rows);
		Nd4j.pullRows(data.labels(), labels, 1, rows);
		return new DataSet(features, labels);
	}

}

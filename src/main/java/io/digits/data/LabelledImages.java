package io.digits.data;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Images and their labels as the network sees them, held off-heap once and shared read-only by every job.
 *
 * @param features one row of 784 float32 pixels in 0..1 per image (ink bright on dark, as MNIST stores it)
 * @param labels one-hot rows of ten classes
 * @param classes the label of each image, for counting classes without touching the arrays
 */
public record LabelledImages(INDArray features, INDArray labels, byte[] classes) {

	public static final int PIXELS = 28 * 28;

	public static final int CLASSES = 10;

	public static LabelledImages of(IdxReader.IdxImages images, byte[] labels) {
		if (images.count() != labels.length) {
			throw new IllegalArgumentException("%d images but %d labels".formatted(images.count(), labels.length));
		}
		byte[] pixels = images.pixels();
		float[] scaled = new float[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			scaled[i] = (pixels[i] & 0xff) / 255f;
		}
		float[] oneHot = new float[labels.length * CLASSES];
		for (int i = 0; i < labels.length; i++) {
			oneHot[i * CLASSES + labels[i]] = 1f;
		}
		INDArray features = Nd4j.create(scaled, new long[] { images.count(), PIXELS }, DataType.FLOAT);
		INDArray labelArray = Nd4j.create(oneHot, new long[] { labels.length, CLASSES }, DataType.FLOAT);
		return new LabelledImages(features, labelArray, labels.clone());
	}

	/**
	 * A training set of its own: the first {@code limit} images, then the extra ones, copied into new arrays (once per
	 * job: the shared set is never written). With no extra images, this set itself, of which the caller uses the first
	 * {@code limit}.
	 *
	 * @throws IllegalArgumentException for an extra image of another size, a value outside 0..1 or a label outside 0..9,
	 *     naming its id: the port's data is checked before a network learns from it
	 */
	public LabelledImages withExtra(int limit, ExtraImages extra) {
		if (limit < 1 || limit > count()) {
			throw new IllegalArgumentException("limit %d is outside 1..%d".formatted(limit, count()));
		}
		if (extra.count() == 0) {
			return this;
		}
		int total = limit + extra.count();
		int extras = extra.count();
		float[] extraPixels = new float[extras * PIXELS];
		float[] extraOneHot = new float[extras * CLASSES];
		byte[] allClasses = Arrays.copyOf(classes, total);
		for (int i = 0; i < extras; i++) {
			float[] image = extra.pixels()[i];
			int label = extra.labels()[i];
			String id = extra.ids().get(i);
			if (image == null || image.length != PIXELS) {
				throw new IllegalArgumentException("extra image %s has %s values, not %d".formatted(id,
						image == null ? "no" : image.length, PIXELS));
			}
			if (label < 0 || label >= CLASSES) {
				throw new IllegalArgumentException("extra image %s is labelled %d, not a digit".formatted(id, label));
			}
			for (float value : image) {
				if (!(value >= 0 && value <= 1)) {
					throw new IllegalArgumentException("extra image %s has the value %s, outside 0..1".formatted(id, value));
				}
			}
			System.arraycopy(image, 0, extraPixels, i * PIXELS, PIXELS);
			extraOneHot[i * CLASSES + label] = 1f;
			allClasses[limit + i] = (byte) label;
		}
		// copied off-heap, array to array: the dataset's rows never pass through the Java heap
		INDArray allFeatures = Nd4j.create(DataType.FLOAT, total, PIXELS);
		INDArray allLabels = Nd4j.create(DataType.FLOAT, total, CLASSES);
		allFeatures.get(NDArrayIndex.interval(0, limit), NDArrayIndex.all())
			.assign(features.get(NDArrayIndex.interval(0, limit), NDArrayIndex.all()));
		allLabels.get(NDArrayIndex.interval(0, limit), NDArrayIndex.all())
			.assign(labels.get(NDArrayIndex.interval(0, limit), NDArrayIndex.all()));
		allFeatures.get(NDArrayIndex.interval(limit, total), NDArrayIndex.all())
			.assign(Nd4j.create(extraPixels, new long[] { extras, PIXELS }, DataType.FLOAT));
		allLabels.get(NDArrayIndex.interval(limit, total), NDArrayIndex.all())
			.assign(Nd4j.create(extraOneHot, new long[] { extras, CLASSES }, DataType.FLOAT));
		return new LabelledImages(allFeatures, allLabels, allClasses);
	}

	public int count() {
		return classes.length;
	}

	/** How many images of each class. */
	public int[] classCounts(int limit) {
		int[] counts = new int[CLASSES];
		for (int i = 0; i < Math.min(limit, classes.length); i++) {
			counts[classes[i]]++;
		}
		return counts;
	}

}

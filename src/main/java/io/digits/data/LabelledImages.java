package io.digits.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

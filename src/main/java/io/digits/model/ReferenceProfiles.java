package io.digits.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures a {@link ReferenceProfile}: the input bounds from the training images, the drift reference from the model's
 * answers on the test images. The class means are the training images' mean per digit, the same every time for a
 * dataset ({@link #classMeans}), so they are recomputed where needed rather than stored with each model.
 */
public final class ReferenceProfiles {

	/** Each tail left out of an input bound: 0.05% each side, so 99.9% of the training images are within. */
	static final double TAIL = 0.0005;

	private static final int CHUNK = 2000, CLASSES = 10;

	private ReferenceProfiles() {
	}

	/** Mean image of each digit, from one-hot labels. */
	public static float[][] classMeans(INDArray images, INDArray labels) {
		int pixels = (int) images.columns();
		float[][] means = new float[CLASSES][pixels];
		int[] counts = new int[CLASSES];
		forEachRow(images, labels, (image, label) -> {
			counts[label]++;
			for (int p = 0; p < pixels; p++) {
				means[label][p] += image[p];
			}
		});
		for (int c = 0; c < CLASSES; c++) {
			for (int p = 0; p < pixels; p++) {
				means[c][p] /= Math.max(1, counts[c]);
			}
		}
		return means;
	}

	/**
	 * What a dataset's inputs look like, whatever the model: its class means, the bounds 99.9% of its training images
	 * keep, and its test images' ink deciles. Costs a pass over the training set (about 0.3 s for MNIST's 60,000), so it
	 * is measured once per dataset ({@link InputReferences}).
	 */
	public static InputReference inputReference(INDArray trainImages, INDArray trainLabels, INDArray testImages) {
		float[][] means = classMeans(trainImages, trainLabels);
		int train = (int) trainImages.rows();
		double[] ink = new double[train], width = new double[train], height = new double[train], distance = new double[train];
		int[] row = { 0 };
		forEachRow(trainImages, null, (image, label) -> {
			int[] box = InputFeatures.box(image);
			ink[row[0]] = InputFeatures.inkMass(image);
			width[row[0]] = box[0];
			height[row[0]] = box[1];
			distance[row[0]++] = InputFeatures.nearestMeanDistance(image, means);
		});
		int test = (int) testImages.rows();
		double[] testInk = new double[test];
		int[] testRow = { 0 };
		forEachRow(testImages, null, (image, label) -> testInk[testRow[0]++] = InputFeatures.inkMass(image));
		Arrays.sort(testInk);
		List<Double> deciles = new ArrayList<>();
		for (int d = 1; d < 10; d++) {
			deciles.add(testInk[(int) ((long) d * test / 10)]);
		}
		return new InputReference(means, central(ink), central(width), central(height),
				percentile(distance, 1 - 2 * TAIL), deciles);
	}

	/** The model's profile: the dataset's input reference, and its own answers on the test images. */
	public static ReferenceProfile measure(MultiLayerNetwork network, InputReference input, INDArray testImages) {
		int test = (int) testImages.rows();
		double[] confidenceCounts = new double[10], classCounts = new double[CLASSES];
		for (int from = 0; from < test; from += CHUNK) {
			INDArray chunk = testImages.get(NDArrayIndex.interval(from, Math.min(test, from + CHUNK)), NDArrayIndex.all());
			for (float[] probabilities : ClassProbabilities.of(network, chunk).toFloatMatrix()) {
				int best = ClassProbabilities.likeliest(probabilities);
				classCounts[best]++;
				confidenceCounts[Math.min(9, (int) (probabilities[best] * 10))]++;
			}
		}
		return new ReferenceProfile(input.inkMass(), input.width(), input.height(), input.nearestMeanDistance(),
				input.inkMassDeciles(), shares(confidenceCounts, test), shares(classCounts, test));
	}

	private static ReferenceProfile.Range central(double[] values) {
		return new ReferenceProfile.Range(percentile(values, TAIL), percentile(values, 1 - TAIL));
	}

	private static double percentile(double[] values, double fraction) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)))];
	}

	private static List<Double> shares(double[] counts, int total) {
		return Arrays.stream(counts).map(count -> count / total).boxed().toList();
	}

	private interface RowVisitor {

		void visit(float[] image, int label);

	}

	/**
	 * Reads the rows in chunks, so an off-heap dataset is never copied onto the heap whole; each chunk in one copy
	 * ({@code toFloatMatrix} on a view reads it element by element: the whole input reference took 10.4 s so, 2.1 s
	 * with chunk copies, both measured with other builds on the 2 cores).
	 */
	private static void forEachRow(INDArray images, INDArray labels, RowVisitor visitor) {
		int rows = (int) images.rows(), columns = (int) images.columns();
		float[] image = new float[columns];
		for (int from = 0; from < rows; from += CHUNK) {
			int to = Math.min(rows, from + CHUNK);
			float[] chunk = rowsOf(images, from, to);
			float[] oneHot = labels == null ? null : rowsOf(labels, from, to);
			for (int i = 0; i < to - from; i++) {
				System.arraycopy(chunk, i * columns, image, 0, columns);
				visitor.visit(image, oneHot == null ? -1 : ClassProbabilities.likeliest(oneHot, i * CLASSES, CLASSES));
			}
		}
	}

	private static float[] rowsOf(INDArray array, int from, int to) {
		return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c').data().asFloat();
	}

}

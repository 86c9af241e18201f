package io.digits.model;

/**
 * What an input looks like, whatever the model: its ink and the box around it, on the 28x28 image in 0..1 that the
 * model sees (after MNIST's preparation, for an upload).
 */
public final class InputFeatures {

	/** A pixel at or above this counts as ink for the box (MNIST's strokes are near 1, their edges grey). */
	static final float INK = 0.1f;

	static final int SIDE = 28;

	private InputFeatures() {
	}

	/** The sum of the pixels: about 100 for an MNIST digit, 0 for a blank image, 784 for a white one. */
	public static double inkMass(float[] image) {
		double sum = 0;
		for (float pixel : image) {
			sum += pixel;
		}
		return sum;
	}

	/** Width and height of the smallest box holding every ink pixel; 0 x 0 without ink. */
	public static int[] box(float[] image) {
		int left = SIDE, right = -1, top = SIDE, bottom = -1;
		for (int y = 0; y < SIDE; y++) {
			for (int x = 0; x < SIDE; x++) {
				if (image[y * SIDE + x] >= INK) {
					left = Math.min(left, x);
					right = Math.max(right, x);
					top = Math.min(top, y);
					bottom = Math.max(bottom, y);
				}
			}
		}
		return right < 0 ? new int[] { 0, 0 } : new int[] { right - left + 1, bottom - top + 1 };
	}

	/**
	 * The Euclidean distance to the nearest of the class means. A mean's sum stops, a row of pixels at a time, once it
	 * passes the nearest so far: the profile's pass over 60,000 training images does ten of these each.
	 */
	public static double nearestMeanDistance(float[] image, float[][] classMeans) {
		float nearest = Float.MAX_VALUE;
		for (float[] mean : classMeans) {
			float sum = 0;
			for (int row = 0; row < image.length && sum < nearest; row += SIDE) {
				for (int p = row; p < row + SIDE; p++) {
					float d = image[p] - mean[p];
					sum += d * d;
				}
			}
			nearest = Math.min(nearest, sum);
		}
		return Math.sqrt(nearest);
	}

}

package io.digits.inference.image;

/**
 * Resamples a rectangle of a grey image by area averaging: each output pixel is the mean of the input area it
 * covers, fractional pixels weighted by their coverage. Anti-aliases when shrinking, as MNIST's preparation did.
 */
final class AreaResampler {

	private AreaResampler() {
	}

	static float[] resample(float[] source, int sourceWidth, int left, int top, int width, int height,
			int targetWidth, int targetHeight) {
		float[] rows = new float[targetWidth * height];
		for (int y = 0; y < height; y++) {
			int rowStart = (top + y) * sourceWidth + left;
			resampleLine(source, rowStart, 1, width, rows, y * targetWidth, 1, targetWidth);
		}
		float[] out = new float[targetWidth * targetHeight];
		for (int x = 0; x < targetWidth; x++) {
			resampleLine(rows, x, targetWidth, height, out, x, targetWidth, targetHeight);
		}
		return out;
	}

	/** One row or column: {@code length} values from {@code in}, {@code targetLength} values into {@code out}. */
	private static void resampleLine(float[] in, int inStart, int inStride, int length, float[] out, int outStart,
			int outStride, int targetLength) {
		double step = (double) length / targetLength;
		for (int t = 0; t < targetLength; t++) {
			double from = t * step, to = from + step;
			double sum = 0;
			for (int s = (int) Math.floor(from); s < Math.min(length, (int) Math.ceil(to)); s++) {
				double coverage = Math.min(to, s + 1) - Math.max(from, s);
				sum += in[inStart + s * inStride] * coverage;
			}
			out[outStart + t * outStride] = (float) (sum / step);
		}
	}

}

package io.digits.inference.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Arrays;

import org.springframework.http.HttpStatus;

/**
 * Turns any picture of a digit into the 784 values MNIST's own preparation gives: ink bright on a black background,
 * cropped to the ink, scaled to fit 20x20 keeping the aspect ratio, and placed in 28x28 with its centre of mass at
 * the centre (pixel 14,14, where MNIST's digits have theirs). A 28x28 image that already has a dark background is
 * taken as MNIST-prepared and passes through unchanged.
 */
public final class DigitImagePreparation {

	static final int SIDE = 28;

	private static final int DIGIT_BOX = 20;

	private static final double CENTRE = 14.0;

	/** Below this, after the background is taken away, a pixel is not ink (MNIST's boxes hold for 0..0.2). */
	private static final float INK_THRESHOLD = 0.1f;

	/** An image whose brightest ink stands less than this above its background has no digit in it. */
	private static final float MIN_CONTRAST = 0.2f;

	private DigitImagePreparation() {
	}

	public static float[] prepare(BufferedImage image, String name) {
		int width = image.getWidth(), height = image.getHeight();
		Pixels pixels = Pixels.of(image);
		float[] ink;
		boolean inverted = false;
		if (pixels.hasTransparentBackground()) {
			// strokes on nothing, as a browser canvas exports them: whatever their colour, opacity is ink
			ink = pixels.alpha();
		}
		else {
			ink = pixels.gray();
			if (borderMean(ink, width, height) > 0.5f) {
				inverted = true;
				for (int i = 0; i < ink.length; i++) {
					ink[i] = 1f - ink[i];
				}
			}
		}
		if (width == SIDE && height == SIDE && !inverted && !pixels.hasTransparentBackground()) {
			requireInk(ink, 0f, name);
			return ink;
		}
		stretchContrast(ink, borderMedian(ink, width, height), name);
		int[] box = inkBox(ink, width, height);
		int boxWidth = box[2] - box[0] + 1, boxHeight = box[3] - box[1] + 1;
		double scale = (double) DIGIT_BOX / Math.max(boxWidth, boxHeight);
		int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
		int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));
		float[] digit = AreaResampler.resample(ink, width, box[0], box[1], boxWidth, boxHeight, scaledWidth,
				scaledHeight);
		return centreByMass(digit, scaledWidth, scaledHeight);
	}

	private static void stretchContrast(float[] ink, float background, String name) {
		float peak = requireInk(ink, background, name);
		float range = peak - background;
		for (int i = 0; i < ink.length; i++) {
			ink[i] = Math.max(0f, Math.min(1f, (ink[i] - background) / range));
		}
	}

	private static float requireInk(float[] ink, float background, String name) {
		float peak = 0;
		for (float value : ink) {
			peak = Math.max(peak, value);
		}
		if (peak - background < MIN_CONTRAST) {
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
					"%s has no ink: nothing stands out from its background".formatted(name));
		}
		return peak;
	}

	/** Left, top, right, bottom of the pixels that are ink. */
	private static int[] inkBox(float[] ink, int width, int height) {
		int left = width, top = height, right = -1, bottom = -1;
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				if (ink[y * width + x] > INK_THRESHOLD) {
					left = Math.min(left, x);
					right = Math.max(right, x);
					top = Math.min(top, y);
					bottom = Math.max(bottom, y);
				}
			}
		}
		return new int[] { left, top, right, bottom };
	}

	private static float[] centreByMass(float[] digit, int width, int height) {
		double mass = 0, sumX = 0, sumY = 0;
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				float value = digit[y * width + x];
				mass += value;
				sumX += value * x;
				sumY += value * y;
			}
		}
		int offsetX = (int) Math.round(CENTRE - sumX / mass);
		int offsetY = (int) Math.round(CENTRE - sumY / mass);
		float[] out = new float[SIDE * SIDE];
		for (int y = 0; y < height; y++) {
			int targetY = y + offsetY;
			for (int x = 0; x < width; x++) {
				int targetX = x + offsetX;
				if (targetX >= 0 && targetX < SIDE && targetY >= 0 && targetY < SIDE) {
					out[targetY * SIDE + targetX] = digit[y * width + x];
				}
			}
		}
		return out;
	}

	private static float borderMean(float[] values, int width, int height) {
		float[] border = border(values, width, height);
		double sum = 0;
		for (float value : border) {
			sum += value;
		}
		return (float) (sum / border.length);
	}

	private static float borderMedian(float[] values, int width, int height) {
		float[] border = border(values, width, height);
		Arrays.sort(border);
		return border[border.length / 2];
	}

	private static float[] border(float[] values, int width, int height) {
		float[] border = new float[2 * width + 2 * (height - 2)];
		int n = 0;
		for (int x = 0; x < width; x++) {
			border[n++] = values[x];
			border[n++] = values[(height - 1) * width + x];
		}
		for (int y = 1; y < height - 1; y++) {
			border[n++] = values[y * width];
			border[n++] = values[y * width + width - 1];
		}
		return border;
	}

	/** Grey level and opacity of every pixel, each 0..1, read without colour-space conversion for grey images. */
	private record Pixels(float[] gray, float[] alpha, boolean hasTransparentBackground) {

		static Pixels of(BufferedImage image) {
			int width = image.getWidth(), height = image.getHeight();
			float[] gray = new float[width * height];
			float[] alpha = new float[width * height];
			Raster raster = image.getRaster();
			boolean hasAlpha = image.getColorModel().hasAlpha();
			boolean plainGray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
					&& raster.getNumBands() == (hasAlpha ? 2 : 1) && !(image.getColorModel() instanceof java.awt.image.IndexColorModel);
			float grayMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					int i = y * width + x;
					if (plainGray) {
						// getRGB would pass grey through a gamma conversion and change MNIST's values
						gray[i] = raster.getSample(x, y, 0) / grayMax;
						alpha[i] = hasAlpha ? raster.getSample(x, y, 1) / ((1 << raster.getSampleModel().getSampleSize(1)) - 1f) : 1f;
					}
					else {
						int argb = image.getRGB(x, y);
						alpha[i] = (argb >>> 24) / 255f;
						gray[i] = (0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff))
								/ 255f;
					}
				}
			}
			boolean transparentBackground = hasAlpha && borderMeanOf(alpha, width, height) < 0.5f;
			return new Pixels(gray, alpha, transparentBackground);
		}

		private static float borderMeanOf(float[] alpha, int width, int height) {
			return borderMean(alpha, width, height);
		}

	}

}

package io.digits.inference.explain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/**
 * Draws attributions over the input the model saw: the input in grey, credit for the digit in orange and debit in blue
 * (a pair that reads for the colour-blind too), each pixel's colour as strong as its share of the largest attribution,
 * enlarged 4 times (112x112: a browser enlarges it further with {@code image-rendering: pixelated}).
 */
public final class HeatMapOverlay {

	static final int SIDE = 28, SCALE = 4;

	private HeatMapOverlay() {
	}

	public static String dataUri(float[] input, float[] attributions) {
		float largest = 0;
		for (float value : attributions) {
			largest = Math.max(largest, Math.abs(value));
		}
		BufferedImage image = new BufferedImage(SIDE * SCALE, SIDE * SCALE, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < SIDE; y++) {
			for (int x = 0; x < SIDE; x++) {
				int p = y * SIDE + x;
				int rgb = blend(input[p], largest == 0 ? 0 : attributions[p] / largest);
				for (int dy = 0; dy < SCALE; dy++) {
					for (int dx = 0; dx < SCALE; dx++) {
						image.setRGB(x * SCALE + dx, y * SCALE + dy, rgb);
					}
				}
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
	}

	/** The input's grey (ink light, as MNIST), tinted orange (230, 159, 0) or blue (0, 114, 178) by the attribution. */
	private static int blend(float ink, float attribution) {
		float grey = 40 + 120 * Math.max(0, Math.min(1, ink));
		float weight = Math.min(1, Math.abs(attribution));
		int[] tint = attribution >= 0 ? new int[] { 230, 159, 0 } : new int[] { 0, 114, 178 };
		int r = Math.round(grey + (tint[0] - grey) * weight);
		int g = Math.round(grey + (tint[1] - grey) * weight);
		int b = Math.round(grey + (tint[2] - grey) * weight);
		return r << 16 | g << 8 | b;
	}

}

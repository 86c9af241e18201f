package io.digits.inference.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigitImagePreparationTests {

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 100, 1234, 9999 })
	void aTwentyEightPixelMnistDigitPassesThroughUnchanged(int index) {
		float[] prepared = DigitImagePreparation.prepare(MnistSamples.image(index), "digit");

		int[] pixels = MnistSamples.pixels(index);
		for (int i = 0; i < 784; i++) {
			assertThat(prepared[i]).isEqualTo(pixels[i] / 255f);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 100, 1234, 9999 })
	void theSameDigitDarkOnLightShiftedOnALargeCanvasGivesTheSameInput(int index) {
		BufferedImage canvas = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
		int[] pixels = MnistSamples.pixels(index);
		// paper white, ink dark, the digit 5x larger and off centre
		for (int y = 0; y < 200; y++) {
			for (int x = 0; x < 200; x++) {
				int sx = (x - 37) / 5, sy = (y - 9) / 5;
				int ink = x >= 37 && sx < 28 && y >= 9 && sy < 28 ? pixels[sy * 28 + sx] : 0;
				int level = 255 - ink;
				canvas.setRGB(x, y, level << 16 | level << 8 | level);
			}
		}

		float[] prepared = DigitImagePreparation.prepare(canvas, "canvas");

		assertThat(meanAbsoluteDifference(prepared, pixels)).isLessThan(0.02);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 7, 1234 })
	void strokesOnATransparentBackgroundAreInk(int index) {
		BufferedImage canvas = new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB);
		int[] pixels = MnistSamples.pixels(index);
		// black strokes whose opacity is the MNIST ink, as a browser canvas exports a drawing
		for (int y = 0; y < 280; y++) {
			for (int x = 0; x < 280; x++) {
				int alpha = pixels[(y / 10) * 28 + x / 10];
				canvas.setRGB(x, y, alpha << 24);
			}
		}

		float[] prepared = DigitImagePreparation.prepare(canvas, "drawing");

		assertThat(meanAbsoluteDifference(prepared, pixels)).isLessThan(0.02);
	}

	@Test
	void aDrawnDigitIsCroppedScaledIntoTwentyPixelsAndCentredByMass() {
		BufferedImage canvas = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = canvas.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.BLACK);
		g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.drawLine(40, 20, 40, 120); // a "1" in the top-left corner, 100 pixels tall
		g.dispose();

		float[] prepared = DigitImagePreparation.prepare(canvas, "one");

		int top = 28, bottom = -1;
		double mass = 0, sumX = 0, sumY = 0;
		for (int y = 0; y < 28; y++) {
			for (int x = 0; x < 28; x++) {
				float v = prepared[y * 28 + x];
				if (v > 0.1) {
					top = Math.min(top, y);
					bottom = Math.max(bottom, y);
				}
				mass += v;
				sumX += v * x;
				sumY += v * y;
			}
		}
		assertThat(bottom - top + 1).isEqualTo(20);
		assertThat(sumX / mass).isCloseTo(14, org.assertj.core.data.Offset.offset(0.5));
		assertThat(sumY / mass).isCloseTo(14, org.assertj.core.data.Offset.offset(0.5));
	}

	@Test
	void anImageWithNoInkIsRefused() {
		BufferedImage blank = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = blank.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 64, 64);
		g.dispose();

		assertThatThrownBy(() -> DigitImagePreparation.prepare(blank, "blank.png"))
			.isInstanceOf(ImageRejectedException.class)
			.hasMessageContaining("blank.png has no ink");
	}

	private static double meanAbsoluteDifference(float[] prepared, int[] pixels) {
		double sum = 0;
		for (int i = 0; i < 784; i++) {
			sum += Math.abs(prepared[i] - pixels[i] / 255.0);
		}
		return sum / 784;
	}

}

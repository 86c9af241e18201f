package io.digits.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import io.digits.data.ExtraImages;
import io.digits.data.IdxReader;

/** Real MNIST test digits, as raw bytes and as the files a user would upload. */
public final class MnistSamples {

	private static IdxReader.IdxImages images;

	private static byte[] labels;

	private MnistSamples() {
	}

	public static Path dataDir() {
		return Path.of(System.getProperty("digits.data.dir", "data"));
	}

	private static synchronized void load() {
		if (images == null) {
			try {
				images = IdxReader.readImages(dataDir().resolve("mnist/t10k-images-idx3-ubyte"));
				labels = IdxReader.readLabels(dataDir().resolve("mnist/t10k-labels-idx1-ubyte"), 10);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * The first {@code count} test digits as labelled captures would come: ids {@code capture-...}, pixels in 0..1 and
	 * their true labels (real data: what people would have labelled them).
	 */
	public static ExtraImages captures(int count) {
		List<String> ids = new ArrayList<>();
		float[][] pixels = new float[count][784];
		int[] labels = new int[count];
		for (int i = 0; i < count; i++) {
			ids.add("capture-%012x".formatted(0xc0000 + i));
			int[] raw = pixels(i);
			for (int p = 0; p < 784; p++) {
				pixels[i][p] = raw[p] / 255f;
			}
			labels[i] = label(i);
		}
		return new ExtraImages(ids, pixels, labels);
	}

	public static int label(int index) {
		load();
		return labels[index];
	}

	/** The 784 pixels of a test image, 0..255. */
	public static int[] pixels(int index) {
		load();
		int[] pixels = new int[784];
		for (int i = 0; i < 784; i++) {
			pixels[i] = images.pixels()[index * 784 + i] & 0xff;
		}
		return pixels;
	}

	/** The test image as an 8-bit grey 28x28 image, white ink on black, exactly as MNIST stores it. */
	public static BufferedImage image(int index) {
		int[] pixels = pixels(index);
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		image.getRaster().setPixels(0, 0, 28, 28, pixels);
		return image;
	}

	public static byte[] png(BufferedImage image) {
		return encode(image, "png");
	}

	public static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalArgumentException("no writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

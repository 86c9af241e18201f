package io.digits.inference.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every format a user may upload decodes to the same digit; everything else is refused with a clear status. */
class ImageFormatsTests {

	private static final int DIGIT = 0;

	private final ImageDecoder decoder = new ImageDecoder(4096, DecodeBudget.ofHeap(25, Duration.ofSeconds(2)));

	private final int[] pixels = MnistSamples.pixels(DIGIT);

	@Test
	void eightBitGreyPng() {
		assertSameDigit(MnistSamples.png(MnistSamples.image(DIGIT)), 1e-6);
	}

	@Test
	void sixteenBitGreyPng() {
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_USHORT_GRAY);
		image.getRaster().setPixels(0, 0, 28, 28, Arrays.stream(pixels).map(v -> v * 257).toArray());
		assertSameDigit(MnistSamples.png(image), 1e-6);
	}

	@Test
	void palettePng() {
		byte[] levels = new byte[256];
		for (int i = 0; i < 256; i++) {
			levels[i] = (byte) i;
		}
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_INDEXED,
				new IndexColorModel(8, 256, levels, levels, levels));
		image.getRaster().setPixels(0, 0, 28, 28, pixels);
		assertSameDigit(MnistSamples.png(image), 0.005);
	}

	@Test
	void rgbPngDarkOnLight() {
		assertSameDigit(MnistSamples.png(paper(BufferedImage.TYPE_INT_RGB, 3)), 0.02);
	}

	@Test
	void rgbaPngWithATransparentBackground() {
		BufferedImage image = new BufferedImage(84, 84, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < 84; y++) {
			for (int x = 0; x < 84; x++) {
				image.setRGB(x, y, pixels[(y / 3) * 28 + x / 3] << 24 | 0x202080);
			}
		}
		assertSameDigit(MnistSamples.png(image), 0.02);
	}

	@Test
	void jpegWithoutExif() {
		assertSameDigit(MnistSamples.encode(paper(BufferedImage.TYPE_INT_RGB, 4), "jpeg"), 0.05);
	}

	@Test
	void jpegWithExif() {
		byte[] jpeg = MnistSamples.encode(paper(BufferedImage.TYPE_INT_RGB, 4), "jpeg");
		assertSameDigit(withExif(jpeg), 0.05);
	}

	@Test
	void progressiveJpeg() {
		assertSameDigit(progressiveJpeg(paper(BufferedImage.TYPE_INT_RGB, 4)), 0.05);
	}

	@Test
	void aJpegCutInHalfIsRefused() {
		byte[] jpeg = MnistSamples.encode(paper(BufferedImage.TYPE_INT_RGB, 4), "jpeg");
		assertUndecodable(Arrays.copyOf(jpeg, jpeg.length / 2));
	}

	@Test
	void aProgressiveJpegCutInHalfIsRefused() {
		byte[] jpeg = progressiveJpeg(paper(BufferedImage.TYPE_INT_RGB, 4));
		assertUndecodable(Arrays.copyOf(jpeg, jpeg.length / 2));
		// cut between two scans, the first ones whole: ImageIO paints what they hold without an exception
		assertUndecodable(Arrays.copyOf(jpeg, scanStartNearestTheMiddle(jpeg)));
	}

	@Test
	void aJpegWhoseHeaderClaimsFarMorePixelsThanItsDataHoldsIsRefused() {
		byte[] jpeg = MnistSamples.encode(paper(BufferedImage.TYPE_INT_RGB, 1), "jpeg");
		assertUndecodable(withFrameSize(jpeg, 4000, 4000));
	}

	@Test
	void gif() {
		assertSameDigit(MnistSamples.encode(paper(BufferedImage.TYPE_BYTE_GRAY, 2), "gif"), 0.02);
	}

	@Test
	void bmp() {
		assertSameDigit(MnistSamples.encode(paper(BufferedImage.TYPE_3BYTE_BGR, 2), "bmp"), 0.02);
	}

	@Test
	void aLargeUploadIsDecodedAtAReducedResolutionAndStillReadsTheSame() {
		BufferedImage large = paper(BufferedImage.TYPE_BYTE_GRAY, 100);
		assertThat(large.getWidth()).isEqualTo(2800);
		assertSameDigit(MnistSamples.png(large), 0.03);
	}

	@Test
	void aHugeImageIsRefusedFromItsHeaderWithoutDecodingIt() {
		byte[] bomb = pngHeaderOnly(30_000, 30_000);
		long before = usedHeap();

		assertThatThrownBy(() -> decoder.decode(bomb, "bomb.png")).isInstanceOf(ImageRejectedException.class)
			.hasMessageContaining("30000x30000")
			.hasMessageContaining("at most 4096x4096")
			.extracting(ex -> ((ImageRejectedException) ex).getStatusCode())
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(usedHeap() - before).isLessThan(100_000_000);
	}

	@Test
	void whatIsNotAnImageWeOfferIsRefused() {
		assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>7</text></svg>".getBytes(StandardCharsets.UTF_8),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertRefused("<html><body>7</body></html>".getBytes(StandardCharsets.UTF_8), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertRefused(MnistSamples.encode(paper(BufferedImage.TYPE_INT_RGB, 2), "tiff"), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertRefused("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		byte[] random = new byte[4096];
		new Random(1).nextBytes(random);
		assertRefused(random, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertRefused(new byte[0], HttpStatus.BAD_REQUEST);
		byte[] png = MnistSamples.png(paper(BufferedImage.TYPE_INT_RGB, 4));
		assertRefused(Arrays.copyOf(png, png.length / 3), HttpStatus.BAD_REQUEST);
		byte[] corrupted = png.clone();
		for (int i = 60; i < corrupted.length - 20; i += 7) {
			corrupted[i] ^= 0x5a;
		}
		assertRefused(corrupted, HttpStatus.BAD_REQUEST);
	}

	private void assertSameDigit(byte[] file, double tolerance) {
		float[] prepared = DigitImagePreparation.prepare(decoder.decode(file, "upload"), "upload");
		double difference = 0;
		for (int i = 0; i < 784; i++) {
			difference += Math.abs(prepared[i] - pixels[i] / 255.0);
		}
		assertThat(difference / 784).isLessThanOrEqualTo(tolerance);
	}

	private void assertUndecodable(byte[] file) {
		assertThatThrownBy(() -> DigitImagePreparation.prepare(decoder.decode(file, "upload.jpg"), "upload.jpg"))
			.isInstanceOf(ImageRejectedException.class)
			.hasMessageContaining("upload.jpg could not be decoded")
			.extracting(ex -> ((ImageRejectedException) ex).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	private void assertRefused(byte[] file, HttpStatus status) {
		assertThatThrownBy(() -> DigitImagePreparation.prepare(decoder.decode(file, "upload"), "upload"))
			.isInstanceOf(ImageRejectedException.class)
			.extracting(ex -> ((ImageRejectedException) ex).getStatusCode())
			.isEqualTo(status);
	}

	/** The digit as dark ink on white paper, each pixel a square of {@code scale} pixels. */
	private BufferedImage paper(int type, int scale) {
		int side = 28 * scale;
		BufferedImage image = new BufferedImage(side, side, type);
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				int level = 255 - pixels[(y / scale) * 28 + x / scale];
				image.setRGB(x, y, level << 16 | level << 8 | level);
			}
		}
		return image;
	}

	private static byte[] progressiveJpeg(BufferedImage image) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			writer.setOutput(output);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	/** Where a scan other than the first starts (an SOS marker), the one nearest the middle of the file. */
	private static int scanStartNearestTheMiddle(byte[] jpeg) {
		int best = -1;
		boolean first = true;
		for (int i = 2; i + 1 < jpeg.length; i++) {
			if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xDA) {
				if (!first && (best < 0 || Math.abs(i - jpeg.length / 2) < Math.abs(best - jpeg.length / 2))) {
					best = i;
				}
				first = false;
			}
		}
		assertThat(best).as("a second scan in the progressive JPEG").isPositive();
		return best;
	}

	/** The JPEG with its frame header (SOF0) announcing another size than its data holds. */
	private static byte[] withFrameSize(byte[] jpeg, int width, int height) {
		byte[] patched = jpeg.clone();
		for (int i = 2; i + 8 < patched.length; i++) {
			if ((patched[i] & 0xff) == 0xFF && (patched[i + 1] & 0xff) == 0xC0) {
				// marker, length (2 bytes), precision (1), then height and width (2 bytes each)
				patched[i + 5] = (byte) (height >> 8);
				patched[i + 6] = (byte) height;
				patched[i + 7] = (byte) (width >> 8);
				patched[i + 8] = (byte) width;
				return patched;
			}
		}
		throw new IllegalStateException("no SOF0 frame header in the JPEG");
	}

	/** The JPEG with an EXIF segment (a camera's APP1) after its start marker. */
	private static byte[] withExif(byte[] jpeg) {
		byte[] tiff = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 18, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0 };
		byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
		int length = 2 + header.length + tiff.length;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(0xE1);
		out.write(length >> 8);
		out.write(length & 0xff);
		out.writeBytes(header);
		out.writeBytes(tiff);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/** A PNG signature and header announcing a huge grey image, and no pixels. */
	private static byte[] pngHeaderOnly(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		byte[] ihdr = { 'I', 'H', 'D', 'R', (byte) (width >> 24), (byte) (width >> 16), (byte) (width >> 8), (byte) width,
				(byte) (height >> 24), (byte) (height >> 16), (byte) (height >> 8), (byte) height, 8, 0, 0, 0, 0 };
		out.writeBytes(new byte[] { 0, 0, 0, 13 });
		out.writeBytes(ihdr);
		CRC32 crc = new CRC32();
		crc.update(ihdr);
		long value = crc.getValue();
		out.writeBytes(new byte[] { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value });
		return out.toByteArray();
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}

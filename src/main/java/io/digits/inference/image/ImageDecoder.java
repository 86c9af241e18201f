package io.digits.inference.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.springframework.http.HttpStatus;

/**
 * Decodes an uploaded PNG, JPEG, GIF or BMP. The format is recognised from the bytes (not the name or the declared
 * type) and the dimensions are read from the header before any pixel is decoded, so a small file announcing a huge
 * image is refused without allocating it, and large images are decoded at a lower resolution. Every decode takes
 * its memory from a {@link DecodeBudget} shared by all requests, so parallel uploads of large images cannot run the
 * heap out.
 */
public class ImageDecoder {

	private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

	/** The widest image decoded at full resolution (16 MB of pixels; a 4096-pixel upload keeps every other pixel). */
	static final int DECODED_SIDE = 2048;

	/** What the preparation adds per decoded pixel: its grey level and its opacity, as floats. */
	private static final int PREPARATION_BYTES_PER_PIXEL = 8;

	/** Assumed when a reader does not say what it decodes into: 16-bit RGBA, the widest pixel a PNG holds. */
	private static final int WIDEST_PIXEL_BYTES = 8;

	private final int maxSide;

	private final DecodeBudget budget;

	/**
	 * @param maxSide the widest and tallest image accepted, in pixels
	 * @param budget the memory decodes may take at once, over all requests
	 */
	public ImageDecoder(int maxSide, DecodeBudget budget) {
		this.maxSide = maxSide;
		this.budget = budget;
	}

	/**
	 * Decodes the image and prepares it as MNIST was, holding its share of the decode budget until the large arrays
	 * are garbage.
	 *
	 * @throws ImageRejectedException when the image is unreadable (400), of a format not offered (415) or too large
	 * @throws DecodeBusyException when the budget stays taken, or the heap runs out: 503 with Retry-After
	 */
	public float[] prepare(byte[] bytes, String name) {
		return decode(bytes, name, image -> DigitImagePreparation.prepare(image, name));
	}

	/** The decoded image alone, for tests: its share of the budget is given back before it is returned. */
	BufferedImage decode(byte[] bytes, String name) {
		return decode(bytes, name, Function.identity());
	}

	private <T> T decode(byte[] bytes, String name, Function<BufferedImage, T> use) {
		if (bytes.length == 0) {
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST, "%s is empty".formatted(name));
		}
		// the bytes are in memory already: ImageIO's default stream would copy them to a temporary file
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			ImageReader reader = readerFor(input, name);
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width < 28 || height < 28) {
					throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
							"%s is %dx%d; images must be at least 28x28".formatted(name, width, height));
				}
				if (width > maxSide || height > maxSide) {
					throw new ImageRejectedException(HttpStatus.CONTENT_TOO_LARGE,
							"%s is %dx%d; images may be at most %dx%d".formatted(name, width, height, maxSide, maxSide));
				}
				ImageReadParam param = subsampled(width, height, reader.getDefaultReadParam());
				List<String> warnings = jpegWarnings(reader);
				try (DecodeBudget.Lease lease = budget.acquire(decodedBytes(reader, param, width, height), name)) {
					BufferedImage image = reader.read(0, param);
					if (!warnings.isEmpty()) {
						throw undecodable(name, warnings.get(0));
					}
					return use.apply(image);
				}
			}
			finally {
				reader.dispose();
			}
		}
		catch (OutOfMemoryError ex) {
			// the budget is an estimate: when the heap runs out all the same, the image is not at fault
			throw DecodeBusyException.outOfMemory(name);
		}
		catch (IOException | RuntimeException ex) {
			throw refusal(ex, name);
		}
	}

	/** What a decode that failed answers: the image's fault is a 400, the service's lack of memory a 503. */
	static RuntimeException refusal(Exception ex, String name) {
		if (ex instanceof ImageRejectedException || ex instanceof DecodeBusyException) {
			return (RuntimeException) ex;
		}
		if (causedByOutOfMemory(ex)) {
			// ImageIO's PNG reader wraps whatever its decoding throws, an OutOfMemoryError too, in an IIOException
			return DecodeBusyException.outOfMemory(name);
		}
		return undecodable(name, ex.getMessage());
	}

	/**
	 * Reads large images at a lower resolution, every n-th pixel of every n-th row: the digit ends up 20 pixels
	 * tall anyway, and decoding a 4096x4096 upload whole would take 64 MB. Subsampling skips pixels without averaging,
	 * so it stops at twice the side a digit needs to keep thin strokes.
	 */
	private static ImageReadParam subsampled(int width, int height, ImageReadParam param) {
		int step = (Math.max(width, height) + DECODED_SIDE - 1) / DECODED_SIDE;
		if (step > 1) {
			param.setSourceSubsampling(step, step, 0, 0);
		}
		return param;
	}

	/**
	 * The warnings of a JPEG read, filled while it runs. ImageIO's JPEG reader (libjpeg) only warns on a file cut
	 * short ("Missing EOI marker"), a scan cut short or corrupted data, and paints what is missing as blank blocks:
	 * the image decodes and would be classified as some digit. So a warning stops the read and refuses the image.
	 * The PNG reader throws on such files already, and the other readers are left as they are.
	 */
	private static List<String> jpegWarnings(ImageReader reader) throws IOException {
		List<String> warnings = new ArrayList<>();
		if (reader.getFormatName().toLowerCase(Locale.ROOT).equals("jpeg")) {
			reader.addIIOReadWarningListener((source, warning) -> {
				warnings.add(warning);
				source.abort();
			});
		}
		return warnings;
	}

	/** What the decode and the preparation will allocate, from the decoded size and the reader's pixel layout. */
	private static long decodedBytes(ImageReader reader, ImageReadParam param, int width, int height)
			throws IOException {
		long pixels = (long) ceilDiv(width, param.getSourceXSubsampling())
				* ceilDiv(height, param.getSourceYSubsampling());
		return pixels * (pixelBytes(reader) + PREPARATION_BYTES_PER_PIXEL);
	}

	/** Bytes per pixel of the image the reader decodes into by default: the first of its image types. */
	private static int pixelBytes(ImageReader reader) throws IOException {
		Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
		if (types == null || !types.hasNext()) {
			return WIDEST_PIXEL_BYTES;
		}
		SampleModel model = types.next().getSampleModel(1, 1);
		int bits = IntStream.of(model.getSampleSize()).sum();
		// packed pixels (RGB in an int) take a whole data element whatever their bits
		return Math.max((bits + 7) / 8, DataBuffer.getDataTypeSize(model.getDataType()) / 8);
	}

	private static int ceilDiv(int value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

	private static boolean causedByOutOfMemory(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				return true;
			}
		}
		return false;
	}

	private static ImageRejectedException undecodable(String name, String reason) {
		return new ImageRejectedException(HttpStatus.BAD_REQUEST,
				"%s could not be decoded (truncated or corrupted?): %s".formatted(name, reason));
	}

	private static ImageReader readerFor(ImageInputStream input, String name) {
		Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			try {
				if (FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
					return reader;
				}
			}
			catch (IOException ex) {
				// a reader that cannot name its format is not one we offer
			}
			reader.dispose();
		}
		throw new ImageRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"%s is not a PNG, JPEG, GIF or BMP image".formatted(name));
	}

}

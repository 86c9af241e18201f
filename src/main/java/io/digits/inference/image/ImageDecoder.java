package io.digits.inference.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.springframework.http.HttpStatus;

/**
 * Decodes an uploaded PNG, JPEG, GIF or BMP. The format is recognised from the bytes (not the name or the declared
 * type) and the dimensions are read from the header before any pixel is decoded, so a small file announcing a huge
 * image is refused without allocating it, and large images are decoded at a lower resolution.
 */
public class ImageDecoder {

	private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

	/** The widest image decoded at full resolution (16 MB of pixels; a 4096-pixel upload keeps every other pixel). */
	static final int DECODED_SIDE = 2048;

	private final int maxSide;

	/** @param maxSide the widest and tallest image accepted, in pixels */
	public ImageDecoder(int maxSide) {
		this.maxSide = maxSide;
	}

	public BufferedImage decode(byte[] bytes, String name) {
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
				return reader.read(0, subsampled(reader, width, height));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ImageRejectedException rejected) {
				throw rejected;
			}
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
					"%s could not be decoded (truncated or corrupted?): %s".formatted(name, ex.getMessage()));
		}
	}

	/**
	 * Reads large images at a lower resolution, every n-th pixel of every n-th row: the digit ends up 20 pixels
	 * tall anyway, and decoding a 4096x4096 upload whole would take 64 MB. Subsampling skips pixels without averaging,
	 * so it stops at twice the side a digit needs to keep thin strokes.
	 */
	private static ImageReadParam subsampled(ImageReader reader, int width, int height) {
		ImageReadParam param = reader.getDefaultReadParam();
		int step = (Math.max(width, height) + DECODED_SIDE - 1) / DECODED_SIDE;
		if (step > 1) {
			param.setSourceSubsampling(step, step, 0, 0);
		}
		return param;
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

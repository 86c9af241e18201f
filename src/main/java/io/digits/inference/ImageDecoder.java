package io.digits.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decodes an uploaded PNG, JPEG, GIF or BMP. The format is recognised from the bytes (not the name or the declared
 * type) and the dimensions are read from the header before any pixel is decoded, so a small file announcing a huge
 * image is refused without allocating it.
 */
@Component
class ImageDecoder {

	private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

	private final int maxSide;

	ImageDecoder(InferenceProperties properties) {
		this.maxSide = properties.maxImageSide();
	}

	BufferedImage decode(byte[] bytes, String name) {
		if (bytes.length == 0) {
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST, "%s is empty".formatted(name));
		}
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
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
					throw new ImageRejectedException(HttpStatus.PAYLOAD_TOO_LARGE,
							"%s is %dx%d; images may be at most %dx%d".formatted(name, width, height, maxSide, maxSide));
				}
				return reader.read(0);
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

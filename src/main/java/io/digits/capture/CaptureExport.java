package io.digits.capture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Captures as files a person or a script can use: each a 28x28 gray PNG, and a page of them as a zip of PNGs with
 * {@code labels.csv}. A page is bounded (digits.capture.max-page-size) and a PNG is well under 1 KB, so the zip is
 * built in memory.
 */
final class CaptureExport {

	static final String ZIP = "application/zip";

	static final String CSV_HEADER = "file,id,label,digit,confidence,model,dataset,flags,capturedAt";

	private static final int SIDE = 28;

	private CaptureExport() {
	}

	static byte[] png(byte[] gray) {
		BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
		image.getRaster().setDataElements(0, 0, SIDE, SIDE, gray);
		ByteArrayOutputStream png = new ByteArrayOutputStream(512);
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

	/**
	 * The listed captures whose bytes are still kept, one {@code <id>.png} each, and a CSV row each: {@code label} is
	 * empty while unlabelled, {@code flags} separated by spaces.
	 */
	static byte[] zip(List<Capture> captures, Map<String, byte[]> pixels) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Capture capture : captures) {
				byte[] gray = pixels.get(capture.id());
				if (gray == null) {
					continue;
				}
				String file = capture.id() + ".png";
				zip.putNextEntry(new ZipEntry(file));
				zip.write(png(gray));
				zip.closeEntry();
				csv.append(String.join(",", file, capture.id(),
						capture.label() == null ? "" : capture.label().toString(), Integer.toString(capture.digit()),
						Float.toString(capture.confidence()), capture.modelId(), capture.dataset(),
						String.join(" ", capture.flags()), capture.capturedAt().toString()))
					.append('\n');
			}
			zip.putNextEntry(new ZipEntry("labels.csv"));
			zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}

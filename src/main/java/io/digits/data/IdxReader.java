package io.digits.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST is distributed in (raw or gzip-compressed): a magic number whose third byte says the
 * element type (0x08, unsigned byte) and whose fourth the number of dimensions, then each dimension as a big-endian
 * int, then the data. Every header field is checked, and a file that ends early or goes on after its data is refused
 * with its name in the message.
 */
public final class IdxReader {

	private static final int UNSIGNED_BYTE = 0x08;

	private static final int GZIP_MAGIC = 0x1f8b;

	private IdxReader() {
	}

	/** Images as rows of {@code rows * columns} unsigned bytes, one row per image. */
	public record IdxImages(int count, int rows, int columns, byte[] pixels) {

		public int pixelsPerImage() {
			return rows * columns;
		}

	}

	public static IdxImages readImages(Path file) throws IOException {
		try (DataInputStream in = open(file)) {
			int[] dims = readHeader(file, in, 3);
			int count = dims[0], rows = dims[1], columns = dims[2];
			if (rows != 28 || columns != 28) {
				throw new IdxFormatException(file, "images are %dx%d, expected 28x28".formatted(rows, columns));
			}
			byte[] pixels = readExactly(file, in, (long) count * rows * columns);
			return new IdxImages(count, rows, columns, pixels);
		}
	}

	public static byte[] readLabels(Path file, int classes) throws IOException {
		try (DataInputStream in = open(file)) {
			int count = readHeader(file, in, 1)[0];
			byte[] labels = readExactly(file, in, count);
			for (int i = 0; i < labels.length; i++) {
				if (labels[i] < 0 || labels[i] >= classes) {
					throw new IdxFormatException(file, "label %d at index %d is outside 0..%d".formatted(labels[i], i,
							classes - 1));
				}
			}
			return labels;
		}
	}

	private static DataInputStream open(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IdxFormatException(file, "file not found (run scripts/fetch-data.sh)");
		}
		InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		raw.mark(2);
		int magic = (raw.read() << 8) | raw.read();
		raw.reset();
		InputStream in = magic == GZIP_MAGIC ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
		return new DataInputStream(in);
	}

	private static int[] readHeader(Path file, DataInputStream in, int expectedDimensions) throws IOException {
		int magic;
		try {
			magic = in.readInt();
		}
		catch (EOFException ex) {
			throw new IdxFormatException(file, "truncated: no IDX header");
		}
		int zeros = magic >>> 16, type = (magic >>> 8) & 0xff, dimensions = magic & 0xff;
		if (zeros != 0 || type != UNSIGNED_BYTE || dimensions != expectedDimensions) {
			throw new IdxFormatException(file, "wrong magic number 0x%08x, expected 0x%08x (unsigned bytes, %d dimensions)"
				.formatted(magic, (UNSIGNED_BYTE << 8) | expectedDimensions, expectedDimensions));
		}
		int[] dims = new int[dimensions];
		for (int i = 0; i < dimensions; i++) {
			try {
				dims[i] = in.readInt();
			}
			catch (EOFException ex) {
				throw new IdxFormatException(file, "truncated in the header");
			}
			if (dims[i] <= 0) {
				throw new IdxFormatException(file, "dimension %d is %d".formatted(i, dims[i]));
			}
		}
		return dims;
	}

	private static byte[] readExactly(Path file, DataInputStream in, long length) throws IOException {
		if (length > Integer.MAX_VALUE - 8) {
			throw new IdxFormatException(file, "header announces %d bytes, too many".formatted(length));
		}
		byte[] data = new byte[(int) length];
		int read = in.readNBytes(data, 0, data.length);
		if (read < data.length) {
			throw new IdxFormatException(file, "truncated: header announces %d bytes of data, file holds %d"
				.formatted(length, read));
		}
		if (in.read() != -1) {
			throw new IdxFormatException(file, "corrupted: more data than the header announces (%d bytes)".formatted(length));
		}
		return data;
	}

}

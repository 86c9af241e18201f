package io.digits.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTests {

	private static final Path TEST_IMAGES = MnistSamples.dataDir().resolve("mnist/t10k-images-idx3-ubyte");

	private static final Path TEST_LABELS = MnistSamples.dataDir().resolve("mnist/t10k-labels-idx1-ubyte");

	@TempDir
	Path temp;

	@Test
	void readsTheRealMnistTestSet() throws IOException {
		IdxReader.IdxImages images = IdxReader.readImages(TEST_IMAGES);
		byte[] labels = IdxReader.readLabels(TEST_LABELS, 10);

		assertThat(images.count()).isEqualTo(10_000);
		assertThat(images.rows()).isEqualTo(28);
		assertThat(images.columns()).isEqualTo(28);
		assertThat(images.pixels()).hasSize(10_000 * 784);
		assertThat(labels).hasSize(10_000);
		// the first test digits of MNIST are 7, 2, 1, 0, 4
		assertThat(labels).startsWith((byte) 7, (byte) 2, (byte) 1, (byte) 0, (byte) 4);
	}

	@Test
	void readsGzipCompressedFilesToTheSameContent() throws IOException {
		Path gzip = temp.resolve("t10k-labels-idx1-ubyte.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
			Files.copy(TEST_LABELS, out);
		}

		assertThat(IdxReader.readLabels(gzip, 10)).isEqualTo(IdxReader.readLabels(TEST_LABELS, 10));
	}

	@Test
	void refusesATruncatedFileNamingIt() throws IOException {
		Path truncated = temp.resolve("truncated-images");
		byte[] whole = Files.readAllBytes(TEST_IMAGES);
		Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 1000));

		assertThatThrownBy(() -> IdxReader.readImages(truncated)).isInstanceOf(IdxFormatException.class)
			.hasMessageContaining(truncated.toString())
			.hasMessageContaining("truncated");
	}

	@Test
	void refusesAFileWithExtraBytes() throws IOException {
		Path longer = temp.resolve("longer-labels");
		Files.write(longer, Files.readAllBytes(TEST_LABELS));
		Files.write(longer, new byte[] { 1, 2, 3 }, java.nio.file.StandardOpenOption.APPEND);

		assertThatThrownBy(() -> IdxReader.readLabels(longer, 10)).isInstanceOf(IdxFormatException.class)
			.hasMessageContaining("corrupted");
	}

	@Test
	void refusesAWrongMagicNumber() throws IOException {
		// a label file where an image file is expected: magic 0x00000801 instead of 0x00000803
		assertThatThrownBy(() -> IdxReader.readImages(TEST_LABELS)).isInstanceOf(IdxFormatException.class)
			.hasMessageContaining(TEST_LABELS.toString())
			.hasMessageContaining("wrong magic number 0x00000801");
	}

	@Test
	void refusesLabelsOutsideTheClasses() throws IOException {
		Path corrupted = temp.resolve("corrupted-labels");
		byte[] bytes = Files.readAllBytes(TEST_LABELS);
		bytes[8 + 5] = 42;
		Files.write(corrupted, bytes);

		assertThatThrownBy(() -> IdxReader.readLabels(corrupted, 10)).isInstanceOf(IdxFormatException.class)
			.hasMessageContaining("label 42 at index 5");
	}

	@Test
	void refusesAMissingFileWithAHint() {
		Path missing = temp.resolve("nothing-here");

		assertThatThrownBy(() -> IdxReader.readLabels(missing, 10)).isInstanceOf(IdxFormatException.class)
			.hasMessageContaining("fetch-data.sh");
	}

}

package io.digits.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsProcess;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients uploading the largest images at once: decoding is bounded, so the service answers every one of them
 * or says it is busy (503/429 with Retry-After), never a 500 or a 400 for a valid image. The packaged service runs
 * with its production heap (jvm.options), where the unbounded decoding ran out of memory from about 8 such clients;
 * the test servers' larger heap would hide it.
 */
@SlowTest
class LargeUploadsUnderLoadIT {

	private static final int CLIENTS = 24;

	private static final int SIDE = 4096;

	/** Each client keeps uploading this long, then until it has been served once. */
	private static final Duration LOAD = Duration.ofSeconds(5);

	/** A bound on the whole test: a client still unserved by then fails it. */
	private static final Duration GIVE_UP = Duration.ofSeconds(150);

	@TempDir
	Path store;

	@Test
	void parallelUploadsOfA4096PixelSixteenBitRgbaPngAreServedOrRefusedWithRetryAfter() throws Exception {
		try (DigitsProcess digits = DigitsProcess.start(store, "large-uploads")) {
			uploadInParallel(digits.client());
		}
	}

	private static void uploadInParallel(DigitsClient client) throws Exception {
		String modelId = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1}");
		byte[] png = sixteenBitRgbaDigit(3);
		assertThat(png.length).isLessThan(400_000);

		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<List<String>>> outcomes = new ArrayList<>();
			long giveUp = System.nanoTime() + GIVE_UP.toNanos();
			for (int i = 0; i < CLIENTS; i++) {
				outcomes.add(clients.submit(() -> uploadUntilServed(client, modelId, png, giveUp)));
			}
			for (Future<List<String>> outcome : outcomes) {
				assertThat(outcome.get(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS)).isEmpty();
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	/** The client's wrong answers: anything but a 200 or a 503/429 problem with Retry-After, or never served. */
	private static List<String> uploadUntilServed(DigitsClient client, String modelId, byte[] png, long giveUp)
			throws InterruptedException {
		List<String> wrong = new ArrayList<>();
		long loadEnds = System.nanoTime() + LOAD.toNanos();
		boolean served = false;
		while (!served || System.nanoTime() < loadEnds) {
			if (System.nanoTime() > giveUp) {
				wrong.add("never served within " + GIVE_UP);
				break;
			}
			DigitsClient.Response response = client.upload("/api/predictions?model=" + modelId, "image", List.of(png));
			if (response.status() == 200) {
				served = true;
				continue;
			}
			String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
			if ((response.status() != 503 && response.status() != 429) || retryAfter == null
					|| !response.contentType().startsWith("application/problem+json")) {
				wrong.add(response.status() + " Retry-After " + retryAfter + " " + response.body());
				if (wrong.size() > 3) {
					break;
				}
				continue;
			}
			Thread.sleep(Long.parseLong(retryAfter) * 1000);
		}
		return wrong;
	}

	/**
	 * A 4096x4096 PNG of 16-bit RGBA samples, transparent but for the MNIST digit drawn large in its centre, written
	 * row by row so the test never holds the 128 MB of pixels itself: mostly empty, it compresses to about 140 KB.
	 */
	static byte[] sixteenBitRgbaDigit(int index) {
		int[] digit = MnistSamples.pixels(index);
		int scale = 20, origin = (SIDE - 28 * scale) / 2;
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
			byte[] row = new byte[1 + SIDE * 8];
			for (int y = 0; y < SIDE; y++) {
				java.util.Arrays.fill(row, (byte) 0);
				int dy = (y - origin) / scale;
				if (y >= origin && dy < 28) {
					for (int x = origin; x < origin + 28 * scale; x++) {
						int level = digit[dy * 28 + (x - origin) / scale];
						// black ink whose opacity is the digit, as a canvas exports it
						row[1 + x * 8 + 6] = (byte) level;
						row[1 + x * 8 + 7] = (byte) level;
					}
				}
				deflate.write(row);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(SIDE).putInt(SIDE).put((byte) 16).put((byte) 6).array());
		chunk(png, "IDAT", idat.toByteArray());
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typed = ByteBuffer.allocate(4 + data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data).array();
		CRC32 crc = new CRC32();
		crc.update(typed);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typed);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}

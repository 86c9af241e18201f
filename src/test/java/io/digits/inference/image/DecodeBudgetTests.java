package io.digits.inference.image;

import java.awt.image.BufferedImage;
import java.time.Duration;
import javax.imageio.IIOException;

import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding takes its memory from a budget shared by all requests; an upload that cannot have it now is told to wait. */
class DecodeBudgetTests {

	private static final long MEGABYTE = 1024 * 1024;

	private final DecodeBudget budget = new DecodeBudget(64 * MEGABYTE, Duration.ofMillis(100));

	private final ImageDecoder decoder = new ImageDecoder(4096, budget);

	/** 2800x2800 grey: decoded at 1400x1400, about 17 MB with its preparation. */
	private final byte[] large = MnistSamples.png(scaled(MnistSamples.image(0), 100));

	@Test
	void anUploadWaitingLongerThanTheWaitForItsShareIsRefusedWith503AndRetryAfter() {
		try (DecodeBudget.Lease others = budget.acquire(60 * MEGABYTE, "other uploads")) {
			assertThatThrownBy(() -> decoder.prepare(large, "image 1 (big.png)"))
				.isInstanceOfSatisfying(DecodeBusyException.class, ex -> {
					assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
					assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
					assertThat(ex.getMessage()).contains("image 1 (big.png)", "64 MB decode budget",
							"digits.inference.decode-heap-percent");
				});
		}
		assertThat(decoder.prepare(large, "image 1 (big.png)")).hasSize(784);
	}

	@Test
	void aSmallUploadFitsBesideALargeOneAndTheBudgetIsWholeAgainAfterwards() {
		try (DecodeBudget.Lease others = budget.acquire(60 * MEGABYTE, "other uploads")) {
			assertThat(decoder.prepare(MnistSamples.png(MnistSamples.image(1)), "small.png")).hasSize(784);
		}
		for (int i = 0; i < 10; i++) {
			decoder.prepare(large, "big.png");
		}
		try (DecodeBudget.Lease all = budget.acquire(64 * MEGABYTE, "everything")) {
			assertThat(all).isNotNull();
		}
	}

	@Test
	void aDecodeLargerThanTheWholeBudgetRunsAloneRatherThanNever() {
		ImageDecoder tight = new ImageDecoder(4096, new DecodeBudget(MEGABYTE, Duration.ofMillis(100)));

		assertThat(tight.prepare(large, "big.png")).hasSize(784);
	}

	@Test
	void anOutOfMemoryErrorWrappedByImageIoIsA503NotA400() {
		// the shape of what ImageIO's PNG reader throws when the heap runs out while it decodes
		IIOException wrapped = new IIOException("Caught exception during read: ",
				new OutOfMemoryError("Java heap space"));

		assertThat(ImageDecoder.refusal(wrapped, "image 1 (big.png)"))
			.isInstanceOfSatisfying(DecodeBusyException.class, ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
				assertThat(ex.getMessage()).contains("out of memory decoding image 1 (big.png)");
			});
		assertThat(ImageDecoder.refusal(new IIOException("Error reading PNG image data"), "image 1 (big.png)"))
			.isInstanceOfSatisfying(ImageRejectedException.class,
					ex -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

	private static BufferedImage scaled(BufferedImage digit, int scale) {
		BufferedImage out = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < out.getHeight(); y++) {
			for (int x = 0; x < out.getWidth(); x++) {
				out.getRaster().setSample(x, y, 0, 255 - digit.getRaster().getSample(x / scale, y / scale, 0));
			}
		}
		return out;
	}

}

package io.digits.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.digits.data.ExtraImages;
import io.digits.shared.Ids;
import io.digits.shared.StoreProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** Sampling, what is kept of an answer, the bounds, and training's view, on the file store. */
class CaptureServiceTests {

	@TempDir
	Path storeDir;

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	@Test
	void withSamplingRate0NothingIsKeptAndTheStoreIsNeverTouched() {
		CaptureStore store = mock(CaptureStore.class);
		CaptureService service = new CaptureService(store, properties(0, 100), clock);

		assertThat(service.capturing()).isFalse();
		for (int i = 0; i < 100; i++) {
			assertThat(service.offer(answer(3, "mnist"))).isEmpty();
		}
		verifyNoInteractions(store);
	}

	@Test
	void aKeptAnswerHasAnIdAndItsInputAsGrayBytes() {
		CaptureStore store = fileStore();
		CaptureService service = new CaptureService(store, properties(1, 100), clock);
		float[] input = new float[784];
		input[0] = 1f;
		input[1] = 0.5f;
		input[2] = 2f; // out of 0..1: kept as its nearest
		input[3] = Float.NaN;
		input[4] = -1f;

		String id = service.offer(new CapturedAnswer("model-0123456789ab", "mnist", input, 7, 0.42f,
				List.of("low-confidence"))).orElseThrow();

		assertThat(service.capturing()).isTrue();
		assertThat(Ids.isWellFormed("capture", id)).isTrue();
		Capture capture = service.get(id);
		assertThat(capture).extracting(Capture::modelId, Capture::dataset, Capture::digit, Capture::confidence,
				Capture::flags, Capture::capturedAt, Capture::label)
			.containsExactly("model-0123456789ab", "mnist", 7, 0.42f, List.of("low-confidence"), now.get(), null);
		byte[] gray = service.pixels(id);
		assertThat(Arrays.copyOf(gray, 6)).containsExactly((byte) 255, (byte) 128, (byte) 255, 0, 0, 0);
		assertThat(gray).hasSize(784);
	}

	@Test
	void aRateKeepsAboutItsShare() {
		CaptureService service = new CaptureService(mock(CaptureStore.class), properties(0.25, 100), clock);

		long kept = 0;
		for (int i = 0; i < 4000; i++) {
			kept += service.offer(answer(1, "mnist")).isPresent() ? 1 : 0;
		}

		// 1000 expected; the binomial's standard deviation is 27, so this fails once in 10^12 runs
		assertThat(kept).isBetween(800L, 1200L);
	}

	@Test
	void aStoreThatFailsOrAnInputOfTheWrongSizeNeverFailsThePrediction() throws Exception {
		CaptureStore failing = mock(CaptureStore.class);
		doThrow(new IOException("No space left on device")).when(failing).insert(any(), any());
		CaptureService service = new CaptureService(failing, properties(1, 100), clock);
		assertThat(service.offer(answer(1, "mnist"))).isEmpty();

		doThrow(new IllegalStateException("connection refused")).when(failing).insert(any(), any());
		assertThat(service.offer(answer(1, "mnist"))).isEmpty();

		CaptureService onFiles = new CaptureService(fileStore(), properties(1, 100), clock);
		assertThat(onFiles.offer(new CapturedAnswer("model-0123456789ab", "mnist", new float[10], 1, 0.9f, List.of())))
			.isEmpty();
		assertThat(onFiles.offer(new CapturedAnswer("model-0123456789ab", "mnist", null, 1, 0.9f, List.of()))).isEmpty();
		assertThat(onFiles.list(CaptureFilter.ALL, 0, 10)).isEmpty();
	}

	@Test
	void beyondMaxCountTheOldestGoOnInsertAndPastMaxAgeTheyGoOnTheTimer() throws Exception {
		CaptureService service = new CaptureService(fileStore(), properties(1, 3), clock);
		String[] ids = new String[5];
		for (int i = 0; i < 5; i++) {
			ids[i] = service.offer(answer(i, "mnist")).orElseThrow();
			now.set(now.get().plus(Duration.ofDays(1)));
		}
		assertThat(service.list(CaptureFilter.ALL, 0, 10)).extracting(Capture::id).containsExactly(ids[4], ids[3], ids[2]);

		// 27.5 days on, the three are 28.5, 29.5 and 30.5 days old: the last is past max-age (30 days)
		now.set(now.get().plus(Duration.ofDays(27)).plus(Duration.ofHours(12)));
		assertThat(service.enforceRetention()).isEqualTo(1);
		assertThat(service.list(CaptureFilter.ALL, 0, 10)).extracting(Capture::id).containsExactly(ids[4], ids[3]);
	}

	@Test
	void anUnknownOrMalformedIdIsNotFoundAndNothingIsStored() {
		CaptureStore store = mock(CaptureStore.class);
		CaptureService service = new CaptureService(store, properties(1, 100), clock);

		for (String id : List.of("../x", "capture-0123", "capture-0123456789AB", "model-0123456789ab", "")) {
			assertThatThrownBy(() -> service.label(id, 4)).isInstanceOf(CaptureNotFoundException.class);
			assertThatThrownBy(() -> service.delete(id)).isInstanceOf(CaptureNotFoundException.class);
			assertThatThrownBy(() -> service.pixels(id)).isInstanceOf(CaptureNotFoundException.class);
		}
		verifyNoInteractions(store);

		CaptureService onFiles = new CaptureService(fileStore(), properties(1, 100), clock);
		assertThatThrownBy(() -> onFiles.label("capture-0123456789ab", 4)).isInstanceOf(CaptureNotFoundException.class)
			.hasMessageContaining("No capture 'capture-0123456789ab'");
	}

	@Test
	void trainingReadsTheLabelledCapturesOfItsDatasetAsImagesIn0To1() {
		CaptureStore store = fileStore();
		CaptureService service = new CaptureService(store, properties(1, 100), clock);
		float[] input = new float[784];
		input[100] = 1f;
		String first = service.offer(new CapturedAnswer("model-0123456789ab", "mnist", input, 3, 0.4f, List.of()))
			.orElseThrow();
		now.set(now.get().plusSeconds(1));
		String unlabelled = service.offer(answer(5, "mnist")).orElseThrow();
		now.set(now.get().plusSeconds(1));
		String fashion = service.offer(answer(5, "fashion-mnist")).orElseThrow();
		service.label(first, 8);
		service.label(fashion, 1);

		ExtraImages mnist = new LabelledCaptures(store).labelled("mnist", 10);

		assertThat(mnist.ids()).containsExactly(first).doesNotContain(unlabelled);
		assertThat(mnist.labels()).containsExactly(8);
		assertThat(mnist.pixels()[0]).hasSize(784);
		assertThat(mnist.pixels()[0][100]).isEqualTo(1f);
		assertThat(mnist.pixels()[0][0]).isZero();
		assertThat(new LabelledCaptures(store).labelled("mnist", 0).count()).isZero();
		assertThat(new LabelledCaptures(store).labelled("fashion-mnist", 10).ids()).containsExactly(fashion);
	}

	private CaptureStore fileStore() {
		return new FileCaptureStore(new StoreProperties(storeDir, 4, DataSize.ofMegabytes(128)), JsonMapper.builder().build());
	}

	static CaptureProperties properties(double rate, int maxCount) {
		return new CaptureProperties(rate, maxCount, Duration.ofDays(30), 200, Duration.ofHours(1));
	}

	private static CapturedAnswer answer(int digit, String dataset) {
		float[] input = new float[784];
		Arrays.fill(input, 0.25f);
		return new CapturedAnswer("model-0123456789ab", dataset, input, digit, 0.9f, List.of());
	}

}

package io.digits.capture;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link CaptureStore} does, whichever mode holds it: run once on files ({@link FileCaptureStoreTests})
 * and once on PostgreSQL ({@link JdbcCaptureStoreTests}). {@link #reopen()} is a restart over what was written before.
 */
abstract class CaptureStoreContract {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

	abstract CaptureStore reopen();

	@Test
	void aCaptureAndItsGrayBytesAreReadBackAfterARestart() throws Exception {
		Capture capture = capture(1, "model-0123456789ab", "mnist", List.of("low-confidence", "ambiguous"));
		reopen().insert(capture, pixels(1));

		CaptureStore reopened = reopen();
		assertThat(reopened.read(capture.id())).contains(capture);
		assertThat(reopened.pixels(List.of(capture.id(), id(99)))).containsOnlyKeys(capture.id());
		assertThat(reopened.pixels(List.of(capture.id())).get(capture.id())).isEqualTo(pixels(1));
		assertThat(reopened.read(id(99))).isEmpty();
	}

	@Test
	void listsAreNewestFirstPagedAndFiltered() throws Exception {
		CaptureStore store = reopen();
		for (int i = 0; i < 6; i++) {
			store.insert(capture(i, i % 2 == 0 ? "model-0123456789ab" : "model-ba9876543210",
					i < 4 ? "mnist" : "fashion-mnist", i % 3 == 0 ? List.of("low-confidence") : List.of()), pixels(i));
		}
		store.label(id(1), 7, T0.plusSeconds(100));
		store.label(id(4), 2, T0.plusSeconds(101));

		CaptureStore reopened = reopen();
		assertThat(ids(reopened.newestFirst(CaptureFilter.ALL, 0, 10))).containsExactly(id(5), id(4), id(3), id(2), id(1), id(0));
		assertThat(ids(reopened.newestFirst(CaptureFilter.ALL, 2, 3))).containsExactly(id(3), id(2), id(1));
		assertThat(reopened.newestFirst(CaptureFilter.ALL, 6, 3)).isEmpty();
		assertThat(ids(reopened.newestFirst(new CaptureFilter(true, null, null, null), 0, 10))).containsExactly(id(3), id(0));
		assertThat(ids(reopened.newestFirst(new CaptureFilter(false, null, null, null), 0, 10))).containsExactly(id(5),
				id(4), id(2), id(1));
		assertThat(ids(reopened.newestFirst(new CaptureFilter(null, "model-ba9876543210", null, null), 0, 10)))
			.containsExactly(id(5), id(3), id(1));
		assertThat(ids(reopened.newestFirst(new CaptureFilter(null, null, true, null), 0, 10))).containsExactly(id(4), id(1));
		assertThat(ids(reopened.newestFirst(new CaptureFilter(null, null, false, "mnist"), 0, 10))).containsExactly(id(3),
				id(2), id(0));
		assertThat(ids(reopened.newestFirst(new CaptureFilter(true, "model-0123456789ab", false, "mnist"), 0, 10)))
			.containsExactly(id(0));
	}

	@Test
	void aLabelIsKeptAndCanBeChangedAndAnUnknownCaptureIsNotLabelled() throws Exception {
		CaptureStore store = reopen();
		store.insert(capture(1, "model-0123456789ab", "mnist", List.of()), pixels(1));

		assertThat(store.label(id(1), 4, T0.plusSeconds(60))).get().extracting(Capture::label).isEqualTo(4);
		assertThat(store.label(id(1), 9, T0.plusSeconds(61))).isPresent();
		assertThat(store.label(id(2), 4, T0)).isEmpty();

		Capture read = reopen().read(id(1)).orElseThrow();
		assertThat(read.label()).isEqualTo(9);
		assertThat(read.labelledAt()).isEqualTo(T0.plusSeconds(61));
		assertThat(read.digit()).isEqualTo(1);
		assertThat(reopen().pixels(List.of(id(1))).get(id(1))).isEqualTo(pixels(1));
		assertThat(reopen().read(id(2))).isEmpty();
	}

	@Test
	void deletedCapturesAreGoneWithTheirBytes() throws Exception {
		CaptureStore store = reopen();
		for (int i = 0; i < 3; i++) {
			store.insert(capture(i, "model-0123456789ab", "mnist", List.of()), pixels(i));
		}

		assertThat(store.delete(id(1))).isTrue();
		assertThat(store.delete(id(1))).isFalse();
		assertThat(ids(reopen().newestFirst(CaptureFilter.ALL, 0, 10))).containsExactly(id(2), id(0));
		assertThat(reopen().pixels(List.of(id(1)))).isEmpty();

		assertThat(reopen().deleteAll()).isEqualTo(2);
		assertThat(reopen().newestFirst(CaptureFilter.ALL, 0, 10)).isEmpty();
		assertThat(reopen().pixels(List.of(id(0), id(2)))).isEmpty();
	}

	@Test
	void retentionDeletesTheOldestByAgeAndByCount() throws Exception {
		CaptureStore store = reopen();
		for (int i = 0; i < 8; i++) {
			store.insert(capture(i, "model-0123456789ab", "mnist", List.of()), pixels(i));
		}

		assertThat(store.deleteCapturedBefore(T0.plusSeconds(2))).isEqualTo(2);
		assertThat(store.keepNewest(4)).isEqualTo(2);
		assertThat(store.keepNewest(4)).isZero();
		assertThat(store.keepNewest(10)).isZero();

		assertThat(ids(reopen().newestFirst(CaptureFilter.ALL, 0, 10))).containsExactly(id(7), id(6), id(5), id(4));
		assertThat(reopen().pixels(List.of(id(0), id(3)))).isEmpty();
	}

	@Test
	void trainingReadsTheLabelledCapturesOfItsDatasetOldestFirst() throws Exception {
		CaptureStore store = reopen();
		for (int i = 0; i < 6; i++) {
			store.insert(capture(i, "model-0123456789ab", i == 2 ? "fashion-mnist" : "mnist", List.of()), pixels(i));
		}
		store.label(id(4), 4, T0.plusSeconds(60));
		store.label(id(2), 2, T0.plusSeconds(61));
		store.label(id(3), 3, T0.plusSeconds(62));
		store.label(id(1), 1, T0.plusSeconds(63));

		List<CaptureStore.LabelledPixels> labelled = reopen().oldestLabelled("mnist", 2);
		assertThat(labelled).extracting(CaptureStore.LabelledPixels::id).containsExactly(id(1), id(3));
		assertThat(labelled).extracting(CaptureStore.LabelledPixels::label).containsExactly(1, 3);
		assertThat(labelled.get(1).pixels()).isEqualTo(pixels(3));
		assertThat(reopen().oldestLabelled("mnist", 10)).hasSize(3);
		assertThat(reopen().oldestLabelled("fashion-mnist", 10)).extracting(CaptureStore.LabelledPixels::id)
			.containsExactly(id(2));
	}

	static String id(int i) {
		return "capture-%012x".formatted(0xc0ffee000000L + i);
	}

	/** The i-th capture, taken i seconds after T0, answering the digit i % 10. */
	static Capture capture(int i, String model, String dataset, List<String> flags) {
		return new Capture(id(i), model, dataset, i % 10, 0.5f + i / 100f, flags, T0.plusSeconds(i), null, null);
	}

	static byte[] pixels(int seed) {
		byte[] pixels = new byte[Capture.PIXELS];
		for (int p = 0; p < pixels.length; p++) {
			pixels[p] = (byte) (p * 7 + seed * 31);
		}
		return pixels;
	}

	private static List<String> ids(List<Capture> captures) {
		return captures.stream().map(Capture::id).toList();
	}

}

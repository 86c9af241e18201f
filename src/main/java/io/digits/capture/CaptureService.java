package io.digits.capture;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.digits.shared.Ids;
import io.digits.shared.StoreUnwritableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Keeps a sample of the answers (digits.capture.sampling-rate) with the input the network got, so that people can
 * label the doubtful ones and training can learn from them; and bounds what is kept (max-count, max-age).
 */
@Service
public class CaptureService {

	private static final Logger log = LoggerFactory.getLogger(CaptureService.class);

	/** A store that fails fails every capture: one warning a minute says so without flooding the log. */
	private static final long WARN_EVERY_NANOS = 60_000_000_000L;

	private final CaptureStore store;

	private final CaptureProperties properties;

	private final Clock clock;

	/** A field of its own: with 0 (the default), offer is this one comparison. */
	private final double samplingRate;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	@Autowired
	CaptureService(CaptureStore store, CaptureProperties properties) {
		this(store, properties, Clock.systemUTC());
	}

	CaptureService(CaptureStore store, CaptureProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.samplingRate = properties.samplingRate();
	}

	/** False when nothing is ever kept: the prediction path then need not even build its offer. */
	public boolean capturing() {
		return samplingRate > 0;
	}

	/**
	 * Keeps the answer when the sampling draws it, and answers its id (the answer's {@code predictionId}). Never fails
	 * the prediction: an answer that cannot be kept (a store that fails, an input not 784 values) is logged and
	 * answered empty. The write is on the caller's thread, bounded by one small insert and, beyond max-count, one
	 * deletion of the oldest.
	 */
	public Optional<String> offer(CapturedAnswer answer) {
		if (samplingRate <= 0 || (samplingRate < 1 && ThreadLocalRandom.current().nextDouble() >= samplingRate)) {
			return Optional.empty();
		}
		try {
			Capture capture = new Capture(Ids.newId(Capture.ID_PREFIX), answer.modelId(), answer.dataset(),
					answer.digit(), answer.confidence(), answer.flags(), now(), null, null);
			store.insert(capture, grayBytes(answer.input()));
			store.keepNewest(properties.maxCount());
			return Optional.of(capture.id());
		}
		catch (IOException | RuntimeException ex) {
			long now = System.nanoTime();
			long last = lastWarning.get();
			if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
				log.warn("An answer was not captured (the prediction was answered): {}", ex.toString());
			}
			return Optional.empty();
		}
	}

	Capture get(String id) {
		return (Ids.isWellFormed(Capture.ID_PREFIX, id) ? store.read(id) : Optional.<Capture>empty())
			.orElseThrow(() -> new CaptureNotFoundException(id));
	}

	List<Capture> list(CaptureFilter filter, int page, int size) {
		return store.newestFirst(filter, (long) page * size, size);
	}

	/** The gray bytes of the listed captures still kept (one may be deleted meanwhile). */
	Map<String, byte[]> pixels(List<Capture> captures) {
		return store.pixels(captures.stream().map(Capture::id).toList());
	}

	byte[] pixels(String id) {
		byte[] pixels = store.pixels(List.of(get(id).id())).get(id);
		if (pixels == null) {
			throw new CaptureNotFoundException(id);
		}
		return pixels;
	}

	Capture label(String id, int digit) {
		get(id);
		try {
			return store.label(id, digit, now()).orElseThrow(() -> new CaptureNotFoundException(id));
		}
		catch (IOException ex) {
			throw new StoreUnwritableException("The label was not stored", ex);
		}
	}

	void delete(String id) {
		get(id);
		try {
			if (!store.delete(id)) {
				throw new CaptureNotFoundException(id);
			}
		}
		catch (IOException ex) {
			throw new StoreUnwritableException("The capture was not deleted", ex);
		}
	}

	int deleteAll() {
		try {
			return store.deleteAll();
		}
		catch (IOException ex) {
			throw new StoreUnwritableException("The captures were not deleted", ex);
		}
	}

	/** Deletes what is beyond max-age, and beyond max-count (a smaller max-count than the last run's); answers how many. */
	int enforceRetention() throws IOException {
		return store.deleteCapturedBefore(now().minus(properties.maxAge())) + store.keepNewest(properties.maxCount());
	}

	/** Milliseconds, as both stores keep them alike (PostgreSQL keeps microseconds, the clock may give nanoseconds). */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/** The network's 0..1 values as MNIST's gray bytes, 0..255. */
	static byte[] grayBytes(float[] input) {
		if (input == null || input.length != Capture.PIXELS) {
			throw new IllegalArgumentException("an input of %s values, not %d"
				.formatted(input == null ? "no" : Integer.toString(input.length), Capture.PIXELS));
		}
		byte[] gray = new byte[Capture.PIXELS];
		for (int i = 0; i < gray.length; i++) {
			float value = Float.isNaN(input[i]) ? 0 : Math.max(0, Math.min(1, input[i]));
			gray[i] = (byte) Math.round(value * 255);
		}
		return gray;
	}

}

package io.digits.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.digits.rollout.RolloutReportView.ClassDisagreement;
import io.digits.rollout.RolloutReportView.ModelReport;

/**
 * The tallies behind {@link RolloutReportView}, from the moment the routing was set: a new report replaces this one
 * whenever the routing changes, so nothing from before is counted.
 */
final class RolloutReport {

	private static final int DIGITS = 10;

	private final Instant since;

	private final int latencyWindow;

	private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

	RolloutReport(Instant since, int latencyWindow) {
		this.since = since;
		this.latencyWindow = latencyWindow;
	}

	void answered(String modelId, Role role, int images, long nanos) {
		Tally tally = tally(modelId, role);
		tally.requests.increment();
		tally.predictions.add(images);
		tally.latency.record(nanos);
	}

	/** A shadow's pass, after the response: counted as a request it saw, with its latency and its comparison. */
	void shadowed(String modelId, int[] primaryDigits, int[] digits, long nanos) {
		answered(modelId, Role.SHADOW, digits.length, nanos);
		compared(modelId, Role.SHADOW, primaryDigits, digits);
	}

	void compared(String modelId, Role role, int[] primaryDigits, int[] digits) {
		Tally tally = tally(modelId, role);
		synchronized (tally) {
			for (int i = 0; i < digits.length; i++) {
				tally.compared[primaryDigits[i]]++;
				if (digits[i] != primaryDigits[i]) {
					tally.disagreed[primaryDigits[i]]++;
				}
			}
		}
	}

	void dropped(String modelId, Role role) {
		tally(modelId, role).dropped.increment();
	}

	private Tally tally(String modelId, Role role) {
		return tallies.computeIfAbsent(new Key(modelId, role), key -> new Tally(latencyWindow));
	}

	RolloutReportView view() {
		List<ModelReport> models = new ArrayList<>();
		tallies.entrySet()
			.stream()
			.sorted(Comparator.comparing((Map.Entry<Key, Tally> entry) -> entry.getKey().role())
				.thenComparing(entry -> entry.getKey().modelId()))
			.forEach(entry -> models.add(entry.getValue().report(entry.getKey())));
		return new RolloutReportView(since, models);
	}

	private record Key(String modelId, Role role) {
	}

	private static final class Tally {

		final LongAdder requests = new LongAdder();

		final LongAdder predictions = new LongAdder();

		final LongAdder dropped = new LongAdder();

		/** Guarded by the tally. */
		final long[] compared = new long[DIGITS];

		final long[] disagreed = new long[DIGITS];

		final LatencyWindow latency;

		Tally(int latencyWindow) {
			this.latency = new LatencyWindow(latencyWindow);
		}

		ModelReport report(Key key) {
			List<ClassDisagreement> perClass = new ArrayList<>(DIGITS);
			long comparedAll = 0;
			long disagreedAll = 0;
			synchronized (this) {
				for (int digit = 0; digit < DIGITS; digit++) {
					perClass.add(new ClassDisagreement(digit, compared[digit], disagreed[digit]));
					comparedAll += compared[digit];
					disagreedAll += disagreed[digit];
				}
			}
			Double agreement = key.role() == Role.PRIMARY || comparedAll == 0 ? null
					: (comparedAll - disagreedAll) / (double) comparedAll;
			return new ModelReport(key.modelId(), key.role(), requests.sum(), predictions.sum(), comparedAll, agreement,
					key.role() == Role.PRIMARY ? List.of() : perClass, latency.millis(0.5), latency.millis(0.95),
					dropped.sum());
		}

	}

}

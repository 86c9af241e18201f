package io.digits.sweep.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.digits.sweep.plan.SweepRequest;
import io.digits.sweep.plan.SweepSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What every sweep store does, run on files and on PostgreSQL. */
abstract class SweepStoreContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The store as a new process would open it. */
	abstract SweepStore reopen();

	@Test
	void aSweepIsReadBackWholeAfterARestartWithItsStartedTrials() throws Exception {
		SweepStore store = reopen();
		SweepRecord created = sweep("sweep-0123456789ab", "2026-11-30T10:00:00Z");
		store.create(created);
		SweepRecord running = created.withTrialStarted(0, "job-0123456789ab").withState(SweepState.RUNNING);
		store.save(running);

		SweepRecord read = reopen().read(created.id()).orElseThrow();

		assertThat(read).usingRecursiveComparison().isEqualTo(running);
		assertThat(read.trials().get(0).parameters()).containsEntry("learningRate", 0.003);
		assertThat(read.spec().parameters()).containsKeys("learningRate", "hiddenLayers");
		assertThat(reopen().read("sweep-000000000000")).isEmpty();
	}

	@Test
	void sweepsAreListedNewestFirstByPageAndTheUnfinishedAreKnown() throws Exception {
		SweepStore store = reopen();
		store.create(sweep("sweep-00000000000a", "2026-11-30T10:00:00Z"));
		store.create(sweep("sweep-00000000000b", "2026-11-30T11:00:00Z"));
		SweepRecord last = sweep("sweep-00000000000c", "2026-11-30T12:00:00Z");
		store.create(last);
		store.save(last.ended(SweepState.SUCCEEDED, Instant.parse("2026-11-30T12:30:00Z"), null, null, null));

		SweepStore again = reopen();
		assertThat(again.newestFirst(0, 2)).extracting(SweepRecord::id)
			.containsExactly("sweep-00000000000c", "sweep-00000000000b");
		assertThat(again.newestFirst(1, 2)).extracting(SweepRecord::id).containsExactly("sweep-00000000000a");
		assertThat(again.unfinished()).containsExactlyInAnyOrder("sweep-00000000000a", "sweep-00000000000b");
	}

	/** Two deciders of one sweep at once, through two stores as on two replicas: one waits for the other. */
	@Test
	void workForOneSweepRunsOneAtATime() throws Exception {
		SweepStore first = reopen(), second = sharesLocksAcrossStores() ? reopen() : first;
		List<String> trace = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> both = new ArrayList<>();
			for (SweepStore store : List.of(first, second)) {
				both.add(threads.submit(() -> store.locked("sweep-0123456789ab", () -> {
					trace.add("in");
					sleep(200);
					trace.add("out");
					return null;
				})));
			}
			for (Future<?> one : both) {
				one.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(trace).containsExactly("in", "out", "in", "out");
	}

	/** Whether two stores opened on the same place lock each other out (the database does; files live in one JVM). */
	boolean sharesLocksAcrossStores() {
		return false;
	}

	static SweepRecord sweep(String id, String createdAt) {
		SweepSpec spec = SweepSpec.resolve(JSON.readValue("""
				{"base": {"preset": "recommended", "trainLimit": 10000, "epochs": 4},
				 "parameters": {"learningRate": {"logUniform": [1e-5, 3]}, "hiddenLayers": {"values": [[128, 64], [256]]}},
				 "maxTrials": 2, "seed": 7}""", SweepRequest.class));
		return new SweepRecord(id, spec,
				List.of(new PlannedTrial(0, Map.of("learningRate", 0.003, "hiddenLayers", List.of(256)), null),
						new PlannedTrial(1, Map.of("learningRate", 0.3, "hiddenLayers", List.of(128, 64)), null)),
				8, List.of(1, 3), SweepState.QUEUED, Instant.parse(createdAt), null, null, null, null);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.digits.sweep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import io.digits.shared.StoreMode;
import io.digits.support.DigitsClient;
import io.digits.support.DigitsProcess;
import io.digits.support.SlowTest;
import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sweeps outlive what jobs outlive: the packaged service killed with SIGKILL while one trial waits at a rung and
 * another trains goes on with the same sweep after a restart, each trial run once; and on the shared store two
 * replicas share a sweep's trials, and when one is killed the other finishes the sweep.
 */
@SlowTest
class SweepRecoveryIT {

	private static final String SWEEP = """
			{"base": {"trainLimit": 12000, "epochs": 3, "batchSize": 32}, "maxTrials": %d, "maxConcurrent": %d,
			 "parameters": {"learningRate": {"logUniform": [1e-4, 1e-1]}},
			 "earlyStopping": {"type": "asha", "minEpochs": 1, "reductionFactor": 2}, "seed": 3}""";

	@TempDir
	Path store;

	@ParameterizedTest(name = "on the {0} store")
	@EnumSource(StoreMode.class)
	void aSweepKilledWhileATrialWaitsAtARungGoesOnAfterARestart(StoreMode mode) throws Exception {
		try (TestDatabase.Schema schema = mode == StoreMode.SHARED ? TestDatabase.freshSchema() : null) {
			String[] where = DigitsProcess.settings(schema == null ? new String[0] : schema.serviceArguments(),
					"--digits.training.checkpoint-interval=0s");
			String name = mode.name().toLowerCase(Locale.ROOT);
			String id;
			String paused, checkpointed;
			try (DigitsProcess first = DigitsProcess.start(store, "sweep-crash-1-" + name, where)) {
				DigitsClient client = first.client();
				id = client.postJson("/api/sweeps", SWEEP.formatted(6, 1)).json().get("id").asString();
				// one waits at the rung, another trains past it, checkpointed (a job killed before its first
				// checkpoint fails as interrupted: that is the jobs' rule, tested by CrashRecoveryIT)
				JsonNode sweep = await(client, id, trials -> trials.stream().anyMatch(state("PAUSED")) && trials.stream()
					.anyMatch(trial -> state("RUNNING").test(trial) && trial.get("epochs").asInt() >= 1));
				paused = sweep.get("trials").valueStream().filter(state("PAUSED")).findFirst().orElseThrow()
					.get("jobId").asString();
				checkpointed = sweep.get("trials").valueStream().filter(state("RUNNING")).findFirst().orElseThrow()
					.get("jobId").asString();
				// the view shows an epoch as soon as it is evaluated; its checkpoint is written a moment later
				Thread.sleep(200);
				first.kill();
			}
			try (DigitsProcess second = DigitsProcess.start(store, "sweep-crash-2-" + name, where)) {
				DigitsClient client = second.client();
				JsonNode sweep = client.awaitSweep(id, Duration.ofMinutes(5));

				assertThat(sweep.get("state").asString()).isEqualTo("SUCCEEDED");
				assertEachTrialRanOnce(client, id, sweep, 6);
				assertThat(client.get("/api/jobs/" + paused).json().get("state").asString())
					.isIn("SUCCEEDED", "STOPPED_EARLY");
				JsonNode resumed = client.get("/api/jobs/" + checkpointed).json();
				assertThat(resumed.get("state").asString()).isIn("SUCCEEDED", "STOPPED_EARLY");
				assertThat(resumed.get("epochs").valueStream().map(epoch -> epoch.get("epoch").asInt()).toList())
					.isEqualTo(java.util.stream.IntStream.rangeClosed(1, resumed.get("epochs").size()).boxed().toList());
				System.out.printf("%s store: sweep killed with trial %s waiting; after the restart %s, %d of %d epochs%n",
						name, paused, sweep.get("state").asString(), sweep.get("epochsTrained").asInt(),
						sweep.get("epochsPlanned").asInt());
			}
		}
	}

	@Test
	void twoReplicasShareASweepAndOneFinishesItWhenTheOtherIsKilled() throws Exception {
		try (TestDatabase.Schema schema = TestDatabase.freshSchema();
				DigitsProcess a = DigitsProcess.start(store.resolve("a"), "sweep-replica-a",
						DigitsProcess.settings(schema.serviceArguments(), "--digits.replica.name=a",
								"--digits.training.checkpoint-interval=0s"));
				DigitsProcess b = DigitsProcess.start(store.resolve("b"), "sweep-replica-b",
						DigitsProcess.settings(schema.serviceArguments(), "--digits.replica.name=b",
								"--digits.training.checkpoint-interval=0s"))) {
			DigitsClient client = a.client();
			String id = client.postJson("/api/sweeps", SWEEP.formatted(8, 2)).json().get("id").asString();
			await(client, id, trials -> trials.stream().filter(state("RUNNING")).count() == 2);
			Set<String> replicas = new HashSet<>();
			for (JsonNode trial : client.get("/api/sweeps/" + id).json().get("trials")) {
				if (trial.get("state").asString().equals("RUNNING")) {
					replicas.add(client.get("/api/jobs/" + trial.get("jobId").asString()).json().get("replica").asString());
				}
			}
			assertThat(replicas).containsExactlyInAnyOrder("a", "b");

			b.kill();
			JsonNode sweep = client.awaitSweep(id, Duration.ofMinutes(5));

			assertThat(sweep.get("state").asString()).isEqualTo("SUCCEEDED");
			assertEachTrialRanOnce(client, id, sweep, 8);
			System.out.printf("Two replicas: trials ran on %s; b killed; the sweep %s on a, %d of %d epochs%n", replicas,
					sweep.get("state").asString(), sweep.get("epochsTrained").asInt(), sweep.get("epochsPlanned").asInt());
		}
	}

	private static void assertEachTrialRanOnce(DigitsClient client, String sweepId, JsonNode sweep, int trials) {
		List<JsonNode> planned = sweep.get("trials").valueStream().toList();
		assertThat(planned).hasSize(trials);
		assertThat(planned.stream().map(trial -> trial.get("jobId").asString()).distinct()).hasSize(trials);
		List<JsonNode> jobs = client.get("/api/jobs?size=200").json().valueStream()
			.filter(job -> job.has("trial") && !job.get("trial").isNull()
					&& job.get("trial").get("sweepId").asString().equals(sweepId))
			.toList();
		assertThat(jobs).hasSize(trials);
		// a trial killed before its first checkpoint fails as interrupted, as any job does (CrashRecoveryIT)
		assertThat(jobs).allSatisfy(job -> assertThat(job.get("state").asString() + " " + job.get("failure"))
			.isIn("SUCCEEDED null", "STOPPED_EARLY null", "FAILED \"interrupted\""));
	}

	private static Predicate<JsonNode> state(String state) {
		return trial -> trial.get("state").asString().equals(state);
	}

	private static JsonNode await(DigitsClient client, String id, Predicate<List<JsonNode>> condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (true) {
			JsonNode sweep = client.get("/api/sweeps/" + id).json();
			if (condition.test(sweep.get("trials").valueStream().toList())) {
				return sweep;
			}
			assertThat(System.nanoTime()).as("sweep %s: %s", id, sweep).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}

package io.digits.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsProcess;
import io.digits.support.EventStreamClient;
import io.digits.support.SlowTest;
import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three packaged replicas on one PostgreSQL schema, as behind a load balancer: jobs submitted to one run on several;
 * a model activated on one answers on another within a second; a stream opened on a replica that does not train the
 * job gets every event; a replica killed with SIGKILL mid-job loses it to another, which ends it exactly as an
 * uninterrupted run; a job is cancelled from a replica that does not run it.
 */
@SlowTest
class ReplicasIT {

	private static final String QUICK_JOB = "{\"trainLimit\": 3000, \"epochs\": 1, \"seed\": %d}";

	/**
	 * The whole training set at batch 32: 1,875 iterations an epoch, about a second each on the fused CPU step, long
	 * enough to be killed or stopped in the middle.
	 */
	private static final String LONG_JOB = "{\"batchSize\": 32, \"epochs\": 5, \"seed\": 11}";

	private static final int ITERATIONS = 5 * 1875;

	@TempDir
	Path store;

	private final Map<String, DigitsProcess> replicas = new LinkedHashMap<>();

	@Test
	void threeReplicasShareJobsModelsAndEventsAndOutliveTheDeathOfOne() throws Exception {
		try (TestDatabase.Schema schema = TestDatabase.freshSchema()) {
			try {
				for (String name : List.of("a", "b", "c")) {
					replicas.put(name, DigitsProcess.start(store.resolve(name), "replicas-" + name,
							DigitsProcess.settings(schema.serviceArguments(), "--digits.replica.name=" + name,
									"--digits.training.checkpoint-interval=0s")));
				}
				DigitsClient a = replicas.get("a").client();

				// six jobs submitted to one replica run on at least two
				List<String> quick = new ArrayList<>();
				for (int i = 0; i < 6; i++) {
					quick.add(a.postJson("/api/jobs", QUICK_JOB.formatted(i)).json().get("id").asString());
				}
				Set<String> ranOn = new HashSet<>();
				List<String> models = new ArrayList<>();
				for (String id : quick) {
					JsonNode job = replicas.get("c").client().awaitJob(id, Duration.ofMinutes(3));
					assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
					ranOn.add(job.get("replica").asString());
					models.add(job.get("modelId").asString());
				}
				System.out.println("Six jobs submitted to replica a ran on replicas " + ranOn);
				assertThat(ranOn).hasSizeGreaterThanOrEqualTo(2);
				assertThat(replicas.get("b").client().get("/api/jobs").json().size()).isEqualTo(6);
				assertThat(replicas.get("c").client().get("/api/models").json().size()).isEqualTo(6);

				activationIsSeenEverywhereWithinASecond(models);
				routingIsSharedWithinASecond(models);
				List<Double> uninterrupted = aStreamOnAnotherReplicaGetsEveryEvent();
				aKilledReplicasJobIsTakenOverAndEndsTheSame(uninterrupted);
				aJobIsCancelledFromAReplicaThatDoesNotRunIt();
			}
			finally {
				for (DigitsProcess replica : replicas.values()) {
					replica.close();
				}
			}
		}
	}

	/** A canary set on one replica answers on another within a second; activating alone on a third removes it. */
	private void routingIsSharedWithinASecond(List<String> models) throws InterruptedException {
		DigitsClient a = replicas.get("a").client(), b = replicas.get("b").client(), c = replicas.get("c").client();
		String primary = c.get("/api/models/active").json().get("id").asString();
		String canary = models.stream().filter(id -> !id.equals(primary)).reduce((first, last) -> last).orElseThrow();
		String pixels = "{\"pixels\": [" + String.join(",", java.util.Collections.nCopies(784, "0")) + "]}";
		assertThat(a.putJson("/api/models/routing", "{\"canary\": {\"modelId\": \"" + canary + "\", \"percent\": 100}}")
			.status()).isEqualTo(200);
		long acknowledged = System.nanoTime();
		while (!c.postJson("/api/predictions", pixels).headers().firstValue("X-Model-Id").orElse("").equals(canary)) {
			assertThat(Duration.ofNanos(System.nanoTime() - acknowledged)).isLessThan(Duration.ofSeconds(1));
			Thread.sleep(5);
		}
		System.out.printf("Canary set on replica a answered on replica c %.0f ms after a's answer%n",
				(System.nanoTime() - acknowledged) / 1e6);
		assertThat(c.delete("/api/models/" + canary).status()).isEqualTo(409);

		assertThat(b.putJson("/api/models/active", "{\"modelId\": \"" + primary + "\"}").status()).isEqualTo(200);
		long cleared = System.nanoTime();
		while (c.get("/api/models/routing").json().has("canary")) {
			assertThat(Duration.ofNanos(System.nanoTime() - cleared)).isLessThan(Duration.ofSeconds(1));
			Thread.sleep(5);
		}
		assertThat(c.postJson("/api/predictions", pixels).headers().firstValue("X-Model-Id")).contains(primary);
	}

	private void activationIsSeenEverywhereWithinASecond(List<String> models) throws InterruptedException {
		DigitsClient a = replicas.get("a").client(), c = replicas.get("c").client();
		String active = c.get("/api/models/active").json().get("id").asString();
		String next = models.stream().filter(id -> !id.equals(active)).findFirst().orElseThrow();
		long start = System.nanoTime();
		assertThat(a.putJson("/api/models/active", "{\"modelId\": \"" + next + "\"}").status()).isEqualTo(200);
		long acknowledged = System.nanoTime();
		while (!c.get("/api/models/active").json().get("id").asString().equals(next)) {
			assertThat(Duration.ofNanos(System.nanoTime() - acknowledged)).isLessThan(Duration.ofSeconds(1));
			Thread.sleep(5);
		}
		long seen = System.nanoTime();
		System.out.printf("Model activated on replica a (%.0f ms) answered on replica c %.0f ms after a's answer%n",
				(acknowledged - start) / 1e6, (seen - acknowledged) / 1e6);
		assertThat(Duration.ofNanos(seen - acknowledged)).isLessThan(Duration.ofSeconds(1));

		// deleted on b: gone from c's list and answers too
		String deleted = models.stream().filter(id -> !id.equals(next)).findFirst().orElseThrow();
		assertThat(replicas.get("b").client().delete("/api/models/" + deleted).status()).isEqualTo(204);
		long deletedAt = System.nanoTime();
		while (c.get("/api/models/" + deleted).status() != 404) {
			assertThat(Duration.ofNanos(System.nanoTime() - deletedAt)).isLessThan(Duration.ofSeconds(1));
			Thread.sleep(5);
		}
		assertThat(c.get("/api/models").json().size()).isEqualTo(models.size() - 1);
	}

	/** The long job, never interrupted, streamed from a replica that does not train it: its accuracies. */
	private List<Double> aStreamOnAnotherReplicaGetsEveryEvent() throws InterruptedException {
		DigitsClient a = replicas.get("a").client();
		String id = a.postJson("/api/jobs", LONG_JOB).json().get("id").asString();
		String trainer = a.awaitState(id, "RUNNING", Duration.ofMinutes(2)).get("replica").asString();
		String watcher = replicas.keySet().stream().filter(name -> !name.equals(trainer)).findFirst().orElseThrow();
		List<EventStreamClient.Event> events = new ArrayList<>();
		try (EventStreamClient stream = EventStreamClient.open(replicas.get(watcher).port(), "/api/jobs/" + id + "/events",
				null)) {
			EventStreamClient.Event event;
			while ((event = stream.next()) != null) {
				events.add(event);
				if (event.type().equals("done")) {
					break;
				}
			}
		}
		System.out.printf("Job trained on replica %s, streamed from replica %s: %d events%n", trainer, watcher,
				events.size());
		assertThat(events).isNotEmpty();
		assertThat(events.get(events.size() - 1).type()).isEqualTo("done");
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).id()).as("event %d", i).isEqualTo(i + 1);
		}
		assertThat(events).filteredOn(event -> event.type().equals("epoch")).hasSize(5);
		assertThat(events).filteredOn(event -> event.type().equals("iteration")).hasSizeGreaterThan(5);
		assertThat(events.get(events.size() - 1).data().get("state").asString()).isEqualTo("SUCCEEDED");
		return DigitsClient.testAccuracies(replicas.get(watcher).client().awaitJob(id, Duration.ofMinutes(1)));
	}

	private void aKilledReplicasJobIsTakenOverAndEndsTheSame(List<Double> uninterrupted) throws Exception {
		DigitsClient a = replicas.get("a").client();
		String id = a.postJson("/api/jobs", LONG_JOB).json().get("id").asString();
		String trainer = a.awaitState(id, "RUNNING", Duration.ofMinutes(2)).get("replica").asString();
		DigitsClient other = otherThan(trainer).client();
		JsonNode before = other.awaitEpochs(id, 2);
		assertThat(before.get("state").asString()).isEqualTo("RUNNING");

		replicas.remove(trainer).kill();
		long killed = System.nanoTime();
		String survivor;
		while (true) {
			JsonNode job = other.get("/api/jobs/" + id).json();
			if (!job.get("replica").asString().equals(trainer) || job.get("state").asString().equals("SUCCEEDED")) {
				survivor = job.get("replica").asString();
				break;
			}
			assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(30));
			Thread.sleep(100);
		}
		System.out.printf("Replica %s killed at epoch %d of job %s; replica %s took it over %.1f s later%n", trainer,
				before.get("epochs").size(), id, survivor, (System.nanoTime() - killed) / 1e9);
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(30));

		JsonNode done = other.awaitJob(id, Duration.ofMinutes(3));
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("replica").asString()).isEqualTo(survivor).isNotEqualTo(trainer);
		assertThat(done.get("progress").get("iteration").asLong()).isEqualTo(ITERATIONS);
		assertThat(DigitsClient.testAccuracies(done)).isEqualTo(uninterrupted);
	}

	private void aJobIsCancelledFromAReplicaThatDoesNotRunIt() throws InterruptedException {
		DigitsClient first = replicas.values().iterator().next().client();
		String id = first.postJson("/api/jobs", LONG_JOB.replace("\"seed\": 11", "\"seed\": 12")).json().get("id").asString();
		String trainer = first.awaitState(id, "RUNNING", Duration.ofMinutes(2)).get("replica").asString();
		DigitsClient other = otherThan(trainer).client();
		assertThat(other.postJson("/api/jobs/" + id + "/cancel", "").status()).isIn(200, 202);
		JsonNode cancelled = other.awaitJob(id, Duration.ofSeconds(30));
		assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.get("replica").asString()).isEqualTo(trainer);
	}

	private DigitsProcess otherThan(String name) {
		return replicas.entrySet().stream().filter(entry -> !entry.getKey().equals(name)).findFirst().orElseThrow()
			.getValue();
	}

}

package io.digits.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.digits.shared.StoreMode;
import io.digits.support.DigitsClient;
import io.digits.support.DigitsProcess;
import io.digits.support.EventStreamClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import io.digits.support.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service, killed with SIGKILL in the middle of a job and stopped with SIGTERM in the middle of another:
 * every model and finished job is intact afterwards, and the interrupted jobs go on from their checkpoints to the
 * same result an uninterrupted run gives. Once on each store: files, and PostgreSQL (where transactions replace the
 * temporary files and renames, and nothing at all is written to the store directory).
 */
@SlowTest
class CrashRecoveryIT {

	/**
	 * The whole training set at batch 32: 1,875 iterations an epoch, about a second each on the fused CPU step, long
	 * enough to be killed or stopped in the middle.
	 */
	private static final String LONG_JOB = "{\"batchSize\": 32, \"epochs\": 5, \"seed\": 11}";

	private static final int ITERATIONS = 5 * 1875;

	@TempDir
	Path store;

	@ParameterizedTest(name = "on the {0} store")
	@EnumSource(StoreMode.class)
	void aKilledServiceLosesNothingAndAStoppedOneGoesOnWhereItStopped(StoreMode mode) throws Exception {
		try (TestDatabase.Schema schema = mode == StoreMode.SHARED ? TestDatabase.freshSchema() : null) {
			String[] where = schema == null ? new String[0] : schema.serviceArguments();
			killedAndStopped(mode.name().toLowerCase(java.util.Locale.ROOT), where);
		}
		if (mode == StoreMode.SHARED) {
			assertThat(store).isEmptyDirectory();
		}
	}

	private void killedAndStopped(String name, String[] where) throws Exception {
		String model, finished, interrupted, queued;
		List<Double> accuracyBeforeKill;
		try (DigitsProcess first = DigitsProcess.start(store, "crash-1-" + name,
				DigitsProcess.settings(where, "--digits.training.checkpoint-interval=0s", "--digits.replica.name=first"))) {
			DigitsClient client = first.client();
			finished = client.postJson("/api/jobs", "{\"trainLimit\": 3000, \"epochs\": 1, \"activate\": true}")
				.json().get("id").asString();
			model = client.awaitJob(finished, Duration.ofMinutes(2)).get("modelId").asString();
			interrupted = client.postJson("/api/jobs", LONG_JOB).json().get("id").asString();
			queued = client.postJson("/api/jobs", "{\"trainLimit\": 3000, \"epochs\": 1}").json().get("id").asString();
			JsonNode running = client.awaitEpochs(interrupted, 2);
			accuracyBeforeKill = DigitsClient.testAccuracies(running);

			first.kill();
		}

		try (DigitsProcess second = DigitsProcess.start(store, "crash-2-" + name,
				DigitsProcess.settings(where, "--digits.training.checkpoint-interval=0s", "--digits.replica.name=second"))) {
			DigitsClient client = second.client();
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(model);
			assertThat(client.get("/api/models/" + model).json().get("usable").asBoolean()).isTrue();
			DigitsClient.Response prediction = client.upload("/api/predictions", "image",
					List.of(MnistSamples.png(MnistSamples.image(0))));
			assertThat(prediction.status()).isEqualTo(200);
			assertThat(prediction.json().get("modelId").asString()).isEqualTo(model);

			JsonNode finishedJob = client.get("/api/jobs/" + finished).json();
			assertThat(finishedJob.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(finishedJob.get("replica").asString()).isEqualTo("first");
			assertThat(finishedJob.get("epochs").size()).isEqualTo(1);
			assertThat(client.get("/api/jobs/" + finished + "/loss").json().size()).isEqualTo(24);

			JsonNode resumed = client.awaitJob(interrupted, Duration.ofMinutes(3));
			assertThat(resumed.get("state").asString()).isEqualTo("SUCCEEDED");
			// the replica that finished it, which also says so in its log
			assertThat(resumed.get("replica").asString()).isEqualTo("second");
			assertThat(second.log()).contains("Job " + interrupted + " started on replica second");
			assertThat(resumed.get("epochs").size()).isEqualTo(5);
			assertThat(DigitsClient.testAccuracies(resumed).subList(0, accuracyBeforeKill.size()))
				.isEqualTo(accuracyBeforeKill);
			assertThat(resumed.get("progress").get("iteration").asLong()).isEqualTo(ITERATIONS);
			JsonNode curve = client.get("/api/jobs/" + interrupted + "/loss").json();
			assertThat(curve.size()).isEqualTo(ITERATIONS);
			assertThat(curve.get(curve.size() - 1).get("iteration").asLong()).isEqualTo(ITERATIONS);
			assertThat(client.awaitJob(queued, Duration.ofMinutes(2)).get("state").asString()).isEqualTo("SUCCEEDED");

			// the same job never interrupted ends with the same model
			String uninterrupted = client.postJson("/api/jobs", LONG_JOB).json().get("id").asString();
			assertThat(DigitsClient.testAccuracies(client.awaitJob(uninterrupted, Duration.ofMinutes(3))))
				.isEqualTo(DigitsClient.testAccuracies(resumed));

			String stopped = client.postJson("/api/jobs", LONG_JOB.replace("\"seed\": 11", "\"seed\": 12")).json().get("id").asString();
			client.awaitEpochs(stopped, 1);
			long lastSeen;
			try (EventStreamClient stream = EventStreamClient.open(second.port(), "/api/jobs/" + stopped + "/events", null)) {
				List<EventStreamClient.Event> seen = new java.util.ArrayList<>();
				while (seen.size() < 5) {
					seen.add(stream.next());
				}
				lastSeen = seen.get(seen.size() - 1).id();
			}
			Thread.sleep(300);

			assertThat(second.terminate(Duration.ofSeconds(45))).isIn(0, 143);
			assertThat(second.log()).contains("Job " + stopped + " stopped for the shutdown");

			try (DigitsProcess third = DigitsProcess.start(store, "crash-3-" + name, where)) {
				// the stream resumes after the restart where the client left it: the same ids, none skipped, none again
				List<EventStreamClient.Event> afterRestart = new java.util.ArrayList<>();
				try (EventStreamClient stream = EventStreamClient.open(third.port(), "/api/jobs/" + stopped + "/events",
						lastSeen)) {
					EventStreamClient.Event event;
					while ((event = stream.next()) != null) {
						afterRestart.add(event);
						if (event.type().equals("done")) {
							break;
						}
					}
				}
				assertThat(afterRestart).isNotEmpty();
				for (int i = 0; i < afterRestart.size(); i++) {
					assertThat(afterRestart.get(i).id()).as("event %d after the restart", i).isEqualTo(lastSeen + 1 + i);
				}
				assertThat(afterRestart.get(afterRestart.size() - 1).type()).isEqualTo("done");
				assertThat(afterRestart).filteredOn(event -> event.type().equals("epoch")).hasSizeGreaterThanOrEqualTo(4);
				JsonNode done = third.client().awaitJob(stopped, Duration.ofMinutes(3));
				assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
				assertThat(done.get("progress").get("iteration").asLong()).isEqualTo(ITERATIONS);
				assertThat(done.get("epochs").size()).isEqualTo(5);
				assertThat(third.client().get("/api/jobs").json().size()).isEqualTo(5);
			}
		}
	}

}

package io.digits.sweep;

import java.time.Duration;
import java.util.List;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.EventStreamClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of issue 16's "done when", on real MNIST over real HTTP: 12 trials of learning rate (log-uniform over
 * [1e-5, 3]) and three layer shapes, 4 epochs each on 10,000 images, with ASHA. Seeded: the same trials every run.
 */
@DigitsServerTest
class SweepAshaTests {

	static final String SWEEP = """
			{"base": {"preset": "recommended", "trainLimit": 10000, "epochs": 4},
			 "parameters": {"learningRate": {"logUniform": [1e-5, 3]},
			                "hiddenLayers": {"values": [[128, 64], [256], [800]]}},
			 "maxTrials": 12, "earlyStopping": {"type": "asha", "minEpochs": 1, "reductionFactor": 3}, "seed": 42}""";

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void ashaStopsTheHopelessLearningRatesAtTheFirstRungAndFindsAConfigurationAsGoodAsTheRecommendedOne() {
		DigitsClient.Response accepted = client.postJson("/api/sweeps", SWEEP);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		assertThat(accepted.headers().firstValue("Location")).hasValue("/api/sweeps/" + id);
		assertThat(accepted.json().get("rungs").toString()).isEqualTo("[1,3]");
		assertThat(accepted.json().get("epochsPlanned").asInt()).isEqualTo(48);

		List<String> events;
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/sweeps/" + id + "/events", null)) {
			events = stream.rest().stream().map(EventStreamClient.Event::type).toList();
		}
		JsonNode sweep = client.awaitSweep(id, Duration.ofMinutes(10));
		double recommended = accuracy(client.awaitJob(client.postJson("/api/jobs",
				"{\"preset\": \"recommended\", \"trainLimit\": 10000, \"epochs\": 4}").json().get("id").asString(),
				Duration.ofMinutes(3)));

		System.out.println("ASHA sweep, 12 trials, 4 epochs on 10,000 images, seed 42:");
		for (JsonNode trial : sweep.get("trials")) {
			System.out.printf("  trial %2d  lr %-9s %-10s %-13s epochs %d  testLoss %-7s accuracy %-7s %s%n",
					trial.get("index").asInt(), trial.get("parameters").get("learningRate").asDouble(),
					trial.get("parameters").get("hiddenLayers"), trial.get("state").asString(), trial.get("epochs").asInt(),
					format(trial.get("testLoss")), format(trial.get("testAccuracy")),
					trial.get("stopReason").isNull() ? "" : trial.get("stopReason").get("message").asString());
		}
		JsonNode best = sweep.get("best");
		System.out.printf("  epochs trained %d of %d (%.0f%%); best trial %d: accuracy %.4f; recommended preset: %.4f%n",
				sweep.get("epochsTrained").asInt(), 48, 100.0 * sweep.get("epochsTrained").asInt() / 48,
				best.get("index").asInt(), best.get("testAccuracy").asDouble(), recommended);

		assertThat(sweep.get("state").asString()).isEqualTo("SUCCEEDED");
		for (JsonNode trial : sweep.get("trials")) {
			double rate = trial.get("parameters").get("learningRate").asDouble();
			String state = trial.get("state").asString();
			assertThat(state).isIn("SUCCEEDED", "STOPPED_EARLY", "FAILED");
			assertThat(trial.get("jobId").asString()).startsWith("job-");
			if (rate > 1 || rate < 1e-4) {
				assertThat(state).as("trial %s", trial).isIn("STOPPED_EARLY", "FAILED");
				assertThat(trial.get("epochs").asInt()).as("trial %s", trial).isLessThanOrEqualTo(1);
				assertThat(trial.get("stopReason").get("message").asString()).isNotBlank();
			}
			if (state.equals("STOPPED_EARLY")) {
				JsonNode reason = trial.get("stopReason");
				assertThat(reason.get("rule").asString()).isEqualTo("asha");
				assertThat(reason.get("message").asString()).contains("testLoss").contains("cutoff");
				assertThat(reason.get("value").asDouble()).isGreaterThan(reason.get("cutoff").asDouble());
			}
		}
		assertThat(sweep.get("epochsTrained").asInt()).isLessThanOrEqualTo((int) (0.6 * 48));
		assertThat(best.get("testAccuracy").asDouble()).isGreaterThan(recommended - 0.01);
		assertThat(best.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(best.get("epochs").asInt()).isEqualTo(4);
		assertThat(client.get("/api/models/" + best.get("modelId").asString()).status()).isEqualTo(200);
		// each trial is an ordinary job that names its sweep
		JsonNode job = client.get("/api/jobs/" + best.get("jobId").asString()).json();
		assertThat(job.get("trial").get("sweepId").asString()).isEqualTo(id);
		assertThat(events).first().isEqualTo("sweep");
		assertThat(events).contains("trial", "best").last().isEqualTo("done");
	}

	private static double accuracy(JsonNode job) {
		JsonNode epochs = job.get("epochs");
		return epochs.get(epochs.size() - 1).get("testAccuracy").asDouble();
	}

	private static String format(JsonNode value) {
		return value == null || value.isNull() ? "-" : "%.4f".formatted(value.asDouble());
	}

}

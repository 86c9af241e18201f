package io.digits.training;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The question, its answer and our recommendation, replayed on the full MNIST. */
@DigitsServerTest
class PresetTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void presetsAreListedAndExplicitFieldsOverrideThem() {
		JsonNode presets = client.get("/api/presets").json();
		assertThat(presets.size()).isEqualTo(4);
		assertThat(presets.get(0).get("name").asString()).isEqualTo("seed-question");
		assertThat(presets.get(0).get("settings").get("batchSize").asInt()).isEqualTo(60000);

		JsonNode job = client.postJson("/api/jobs", "{\"preset\": \"recommended\", \"epochs\": 1, \"trainLimit\": 1000}").json();

		JsonNode h = job.get("hyperparameters");
		assertThat(h.get("epochs").asInt()).isEqualTo(1);
		assertThat(h.get("trainLimit").asInt()).isEqualTo(1000);
		assertThat(h.get("optimizer").asString()).isEqualTo("adam");
		assertThat(h.get("learningRateSchedule").asString()).isEqualTo("cosine");
		assertThat(h.get("batchSize").asInt()).isEqualTo(64);
		client.awaitJob(job.get("id").asString(), Duration.ofMinutes(1));
		assertThat(client.postJson("/api/jobs", "{\"preset\": \"magic\"}").json().get("field").asString()).isEqualTo("preset");
	}

	/** Measured: 12.1% after its 10 updates, with a loss of 2.297 (ln 10 = 2.303), on either engine. */
	@Test
	void theQuestionsSetupEndsNearChanceAndIsToldWhy() {
		DigitsClient.Response accepted = client.postJson("/api/jobs", "{\"preset\": \"seed-question\"}");
		assertThat(accepted.json().get("setupFindings").get(0).get("code").asString()).isEqualTo("too-few-updates");
		String id = accepted.json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(3));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("progress").get("iteration").asLong()).isEqualTo(10);
		assertThat(job.get("epochs").get(9).get("testAccuracy").asDouble()).isLessThan(0.2);
		assertThat(job.get("engine").asString()).isEqualTo("fused-cpu");
		assertThat(job.get("engineReason").asString()).contains("softmax with cross-entropy");
		JsonNode diagnosis = client.get("/api/jobs/" + id + "/diagnosis").json();
		assertThat(diagnosis.get(0).get("code").asString()).isEqualTo("too-few-updates");
		assertThat(diagnosis.get(0).get("evidence").get("updates").asLong()).isEqualTo(10);
	}

	/** The fused step does not cover dropout: the job trains with DL4J and says why. */
	@Test
	void aJobTheFusedStepDoesNotCoverTrainsWithDl4jAndSaysWhy() {
		String id = client.postJson("/api/jobs", "{\"dropout\": 0.2, \"trainLimit\": 1000, \"epochs\": 1}").json()
			.get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(2));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("engine").asString()).isEqualTo("dl4j");
		assertThat(job.get("engineReason").asString()).startsWith("dropout");
	}

	/** Measured: 97.04% in 2 epochs of per-sample SGD (120,000 updates, 18 s on the fused step), as the answer said. */
	@Test
	void theAnswersFixReaches95Percent() {
		String id = client.postJson("/api/jobs", "{\"preset\": \"seed-answer\"}").json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(12));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("progress").get("iteration").asLong()).isEqualTo(120_000);
		assertThat(job.get("epochs").get(1).get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
	}

	/** Measured: 98.17% after 12 epochs, 9 s on the fused step, 2 cores (98.12% and about a minute with DL4J's fit). */
	@Test
	void theRecommendedConfigurationReaches98PercentWithNoWarning() {
		DigitsClient.Response accepted = client.postJson("/api/jobs", "{\"preset\": \"recommended\"}");
		assertThat(accepted.json().get("setupFindings").size()).isZero();
		String id = accepted.json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(6));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("epochs").get(11).get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.98);
		assertThat(client.get("/api/jobs/" + id + "/diagnosis").json().size()).isZero();
	}

}

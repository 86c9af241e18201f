package io.digits.sweep;

import java.time.Duration;
import java.util.List;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweeps over real HTTP on real MNIST: refusals, seeds, the median rule, cancellation. */
@DigitsServerTest
class SweepApiTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void sweepsThatCannotRunAreRefusedNamingTheFieldAndNothingIsKept() {
		int before = client.get("/api/sweeps?size=100").json().size();
		refused("{\"parameters\": {}}", "parameters", "size");
		refused("{}", "parameters", "");
		refused("{\"parameters\": {\"colour\": {\"values\": [\"red\"]}}}", "parameters.colour", "cannot be searched");
		refused("{\"parameters\": {\"learningRate\": {\"logUniform\": [1e-5, 30]}}, \"seed\": 1, \"maxTrials\": 40}",
				"parameters.learningRate", "learningRate");
		refused("{\"parameters\": {\"hiddenLayers\": {\"values\": [[128], [0]]}}, \"method\": \"grid\"}",
				"parameters.hiddenLayers", "trial 1");
		refused("{\"base\": {\"epochs\": 200}, \"maxTrials\": 100, \"parameters\": {\"seed\": {\"uniform\": [1, 2]}}}",
				"parameters.seed", "not a number");
		refused("{\"base\": {\"epochs\": 200}, \"maxTrials\": 100, \"parameters\": {\"learningRate\": {\"logUniform\": [1e-4, 1e-2]}}}",
				"maxTrials", "the limit is 600,000,000");
		refused("{\"maxTrials\": 1001, \"parameters\": {\"learningRate\": {\"logUniform\": [1e-4, 1e-2]}}}", "maxTrials",
				"");
		refused("{\"base\": {\"batchSize\": 1000, \"trainLimit\": 500}, \"parameters\": {\"learningRate\": {\"values\": [0.01]}}}",
				"base.batchSize", "larger than");
		assertThat(client.get("/api/sweeps?size=100").json().size()).isEqualTo(before);
		assertThat(client.get("/api/sweeps/sweep-000000000000").status()).isEqualTo(404);
		assertThat(client.get("/api/sweeps/nonsense").status()).isEqualTo(404);
	}

	@Test
	void theSameSeedPlansTheSameTrials() {
		String sweep = """
				{"base": {"trainLimit": 1000, "epochs": 1}, "maxTrials": 5, "seed": %d, "maxConcurrent": 1,
				 "parameters": {"learningRate": {"logUniform": [1e-4, 1e-1]}, "batchSize": {"values": [32, 64, 128]}}}""";
		List<JsonNode> sweeps = List.of(start(sweep.formatted(5)), start(sweep.formatted(5)), start(sweep.formatted(6)));
		List<String> plans = sweeps.stream()
			.map(created -> created.get("trials").valueStream().map(trial -> trial.get("parameters").toString()).toList().toString())
			.toList();
		sweeps.forEach(created -> client.postJson("/api/sweeps/" + created.get("id").asString() + "/cancel", ""));

		assertThat(plans.get(0)).isEqualTo(plans.get(1)).isNotEqualTo(plans.get(2));
	}

	/** Three good learning rates, then one so high it blows the network up: the median rule stops it after epoch 1. */
	@Test
	void theMedianRuleStopsATrialWorseThanTheOthersByTheSameEpoch() {
		JsonNode created = start("""
				{"base": {"trainLimit": 3000, "epochs": 3}, "method": "grid",
				 "parameters": {"learningRate": {"values": [0.003, 0.001, 0.002, 2.0]}},
				 "earlyStopping": {"type": "median", "minEpochs": 1}, "activateBest": true}""");

		JsonNode sweep = client.awaitSweep(created.get("id").asString(), Duration.ofMinutes(5));

		assertThat(sweep.get("state").asString()).isEqualTo("SUCCEEDED");
		List<JsonNode> trials = sweep.get("trials").valueStream().toList();
		assertThat(trials.subList(0, 3)).allSatisfy(trial -> {
			assertThat(trial.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(trial.get("epochs").asInt()).isEqualTo(3);
		});
		JsonNode stopped = trials.get(3);
		assertThat(stopped.get("state").asString()).isEqualTo("STOPPED_EARLY");
		assertThat(stopped.get("epochs").asInt()).isEqualTo(1);
		assertThat(stopped.get("stopReason").get("rule").asString()).isEqualTo("median");
		assertThat(stopped.get("stopReason").get("message").asString()).contains("worse than the median");
		assertThat(stopped.get("modelId").isNull()).isTrue();
		JsonNode best = sweep.get("best");
		assertThat(trials.subList(0, 3)).allSatisfy(
				trial -> assertThat(best.get("testLoss").asDouble()).isLessThanOrEqualTo(trial.get("testLoss").asDouble()));
		assertThat(sweep.get("activatedModelId").asString()).isEqualTo(best.get("modelId").asString());
		assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(best.get("modelId").asString());
	}

	@Test
	void aCancelledSweepCancelsItsTrialsAndStartsNoMore() throws InterruptedException {
		JsonNode created = start("""
				{"base": {"batchSize": 32, "epochs": 20}, "maxTrials": 6, "maxConcurrent": 2,
				 "parameters": {"learningRate": {"logUniform": [1e-4, 1e-2]}}}""");
		String id = created.get("id").asString();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (client.get("/api/sweeps/" + id).json().get("trials").valueStream()
			.noneMatch(trial -> trial.get("state").asString().equals("RUNNING"))) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(50);
		}

		JsonNode cancelled = client.postJson("/api/sweeps/" + id + "/cancel", "").json();
		assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
		for (JsonNode trial : cancelled.get("trials")) {
			if (!trial.get("jobId").isNull()) {
				assertThat(client.awaitJob(trial.get("jobId").asString(), Duration.ofMinutes(1)).get("state").asString())
					.isEqualTo("CANCELLED");
			}
		}
		Thread.sleep(6000);
		JsonNode after = client.get("/api/sweeps/" + id).json();
		assertThat(after.get("trials").valueStream().filter(trial -> !trial.get("jobId").isNull()).count()).isEqualTo(2);
		assertThat(client.postJson("/api/sweeps/" + id + "/cancel", "").json().get("state").asString()).isEqualTo("CANCELLED");
	}

	private JsonNode start(String sweep) {
		DigitsClient.Response accepted = client.postJson("/api/sweeps", sweep);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json();
	}

	private void refused(String sweep, String field, String words) {
		DigitsClient.Response refused = client.postJson("/api/sweeps", sweep);
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("field").asString()).as(refused.body()).isEqualTo(field);
		assertThat(refused.json().get("detail").asString()).contains(words);
	}

}

package io.digits.training;

import java.time.Duration;
import java.util.List;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's own stopping rules, on real MNIST over real HTTP: each stops where it says, and says why. */
@DigitsServerTest
class StoppingRulesTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	/**
	 * A wide network on 2,000 images overfits within a few epochs: the test loss turns up while the training loss
	 * falls. Patience 2 stops it long before epoch 30, and the model registered holds the best epoch's weights.
	 */
	@Test
	void earlyStoppingEndsAnOverfittingRunAndRegistersTheBestEpoch() {
		JsonNode job = run("""
				{"hiddenLayers": [800], "trainLimit": 2000, "epochs": 30, "batchSize": 32, "seed": 3,
				 "earlyStopping": {"monitor": "testLoss", "patience": 2, "restoreBest": true}}""");

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		JsonNode reason = job.get("stopReason");
		assertThat(reason.get("rule").asString()).isEqualTo("early-stopping");
		List<Double> losses = values(job, "testLoss");
		int best = job.get("bestEpoch").asInt();
		assertThat(losses.size()).isLessThan(30).isEqualTo(best + 2);
		assertThat(losses.get(best - 1)).isEqualTo(losses.stream().min(Double::compare).orElseThrow());
		double bestAccuracy = values(job, "testAccuracy").get(best - 1);
		JsonNode model = client.get("/api/models/" + job.get("modelId").asString()).json();
		System.out.printf("early stopping: stopped after epoch %d of 30, best epoch %d (test loss %.4f, accuracy %.4f); "
				+ "last epoch test loss %.4f, accuracy %.4f; registered model accuracy %.4f, loss %.4f%n", losses.size(),
				best, losses.get(best - 1), bestAccuracy, losses.get(losses.size() - 1),
				values(job, "testAccuracy").get(losses.size() - 1), model.get("testAccuracy").asDouble(),
				model.get("testLoss").asDouble());
		assertThat(model.get("testAccuracy").asDouble()).isEqualTo(bestAccuracy);
		assertThat(model.get("testLoss").asDouble()).isCloseTo(losses.get(best - 1), org.assertj.core.data.Offset.offset(1e-6));
		assertThat(reason.get("message").asString()).contains("has not improved").contains("epoch " + best);
	}

	/** Adam at a learning rate of 10 blows the network up; the diagnosis says so within the first epoch, and stops it. */
	@Test
	void aDivergingJobStopsWithinItsFirstEpochWhenTheDiagnosisSaysDiverged() {
		JsonNode job = run("""
				{"learningRate": 10, "epochs": 5, "stopOnDiagnosis": ["diverged"]}""");

		JsonNode reason = job.get("stopReason");
		System.out.printf("learning rate 10: %s after %d of %d updates in epoch 1: %s%n", job.get("state").asString(),
				job.get("progress").get("iteration").asLong(), 469, reason);
		assertThat(job.get("state").asString()).isIn("STOPPED_EARLY", "FAILED");
		assertThat(reason.get("epoch").asInt()).isEqualTo(1);
		assertThat(job.get("epochs").size()).isZero();
		assertThat(job.get("progress").get("iteration").asLong()).isLessThan(469);
		assertThat(reason.toString()).contains("diverged");
		assertThat(job.get("modelId").isNull() || job.get("modelId").isMissingNode()).isTrue();
	}

	/** A loss that becomes NaN fails the job, as before, and the failure says why in a stop reason too. */
	@Test
	void aJobWhoseLossBecomesNotANumberFailsWithAStopReason() {
		JsonNode job = run("""
				{"outputActivation": "identity", "loss": "mse", "optimizer": "sgd", "learningRate": 10, "epochs": 2,
				 "trainLimit": 2000}""");

		assertThat(job.get("state").asString()).isEqualTo("FAILED");
		assertThat(job.get("failure").asString()).isEqualTo("diverged");
		JsonNode reason = job.get("stopReason");
		assertThat(reason.get("rule").asString()).isEqualTo("diverged");
		assertThat(reason.get("epoch").asInt()).isEqualTo(1);
		assertThat(reason.get("message").asString()).contains("the loss became");
	}

	@Test
	void aJobStopsOnceItReachesItsTarget() {
		JsonNode job = run("""
				{"trainLimit": 6000, "epochs": 20, "batchSize": 64, "stopWhen": {"testAccuracy": 0.9}}""");

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		List<Double> accuracies = values(job, "testAccuracy");
		assertThat(accuracies.get(accuracies.size() - 1)).isGreaterThanOrEqualTo(0.9);
		assertThat(accuracies.subList(0, accuracies.size() - 1)).allMatch(accuracy -> accuracy < 0.9);
		assertThat(accuracies.size()).isLessThan(20);
		assertThat(job.get("stopReason").get("rule").asString()).isEqualTo("stop-when");
	}

	@Test
	void aJobStopsWhenItsTimeIsUpAndKeepsItsModel() {
		JsonNode job = run("""
				{"hiddenLayers": [512, 256], "epochs": 200, "batchSize": 32, "maxSeconds": 2}""");

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		JsonNode reason = job.get("stopReason");
		assertThat(reason.get("rule").asString()).isEqualTo("max-seconds");
		assertThat(reason.get("value").asDouble()).isBetween(2.0, 3.0);
		assertThat(job.get("modelId").asString()).startsWith("model-");
	}

	@Test
	void stoppingRulesOutOfBoundsAreRefusedNamingTheField() {
		DigitsClient.Response unknown = client.postJson("/api/jobs", "{\"stopOnDiagnosis\": [\"bored\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("stopOnDiagnosis");
		assertThat(unknown.json().get("detail").asString()).contains("bored").contains("stuck-at-chance");

		DigitsClient.Response patience = client.postJson("/api/jobs", "{\"earlyStopping\": {\"patience\": 0}}");
		assertThat(patience.status()).isEqualTo(400);
		assertThat(patience.body()).contains("earlyStopping.patience");

		DigitsClient.Response target = client.postJson("/api/jobs", "{\"stopWhen\": {\"testAccuracy\": 1.5}}");
		assertThat(target.status()).isEqualTo(400);
		assertThat(target.json().get("field").asString()).isEqualTo("stopWhen.testAccuracy");

		DigitsClient.Response monitor = client.postJson("/api/jobs", "{\"earlyStopping\": {\"monitor\": \"vibes\"}}");
		assertThat(monitor.status()).isEqualTo(400);
		assertThat(monitor.body()).contains("monitor");
	}

	private JsonNode run(String request) {
		DigitsClient.Response accepted = client.postJson("/api/jobs", request);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return client.awaitJob(accepted.json().get("id").asString(), Duration.ofMinutes(3));
	}

	private static List<Double> values(JsonNode job, String field) {
		return job.get("epochs").valueStream().map(epoch -> epoch.get(field).asDouble()).toList();
	}

}

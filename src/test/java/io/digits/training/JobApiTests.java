package io.digits.training;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class JobApiTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void aJobOnASubsetRunsToSuccessWithItsEpochsAndAModel() {
		DigitsClient.Response accepted = client.postJson("/api/jobs",
				"{\"trainLimit\": 6000, \"epochs\": 2, \"batchSize\": 64, \"seed\": 7}");

		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		assertThat(accepted.headers().firstValue("Location")).hasValue("/api/jobs/" + id);
		assertThat(accepted.json().get("hyperparameters").get("hiddenLayers").toString()).isEqualTo("[128,64]");
		assertThat(accepted.json().get("hyperparameters").get("optimizer").asString()).isEqualTo("adam");
		assertThat(accepted.json().get("progress").get("totalIterations").asLong()).isEqualTo(2 * 94);

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(2));
		// no digits.replica.name: the host and the port the server took
		assertThat(job.get("replica").asString()).endsWith(":" + port).doesNotStartWith(":");

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("progress").get("iteration").asLong()).isEqualTo(188);
		assertThat(job.get("progress").get("fraction").asDouble()).isEqualTo(1.0);
		assertThat(job.get("epochs").size()).isEqualTo(2);
		JsonNode first = job.get("epochs").get(0), second = job.get("epochs").get(1);
		assertThat(second.get("trainLoss").asDouble()).isLessThan(first.get("trainLoss").asDouble());
		// 6000 samples, two epochs of Adam: ~93% measured
		assertThat(second.get("testAccuracy").asDouble()).isGreaterThan(0.88);
		assertThat(job.get("samplesPerSecond").asDouble()).isPositive();
		String modelId = job.get("modelId").asString();
		JsonNode model = client.get("/api/models/" + modelId).json();
		assertThat(model.get("jobId").asString()).isEqualTo(id);
		assertThat(model.get("testAccuracy").asDouble()).isEqualTo(second.get("testAccuracy").asDouble());
		assertThat(model.get("confusionMatrix").size()).isEqualTo(10);
		assertThat(model.get("classes").size()).isEqualTo(10);
	}

	@Test
	void theSameSeedAndHyperparametersGiveTheSameModel() {
		String body = "{\"trainLimit\": 2000, \"epochs\": 1, \"seed\": 123}";
		JsonNode first = client.awaitJob(client.postJson("/api/jobs", body).json().get("id").asString(),
				Duration.ofMinutes(2));
		JsonNode second = client.awaitJob(client.postJson("/api/jobs", body).json().get("id").asString(),
				Duration.ofMinutes(2));

		assertThat(second.get("epochs").get(0).get("testLoss").asDouble())
			.isEqualTo(first.get("epochs").get(0).get("testLoss").asDouble());
		assertThat(second.get("latestLoss").asDouble()).isEqualTo(first.get("latestLoss").asDouble());
	}

	@Test
	void aRunningJobCanBeCancelled() {
		String id = client.postJson("/api/jobs", "{\"epochs\": 50, \"batchSize\": 32}").json().get("id").asString();
		client.awaitState(id, "RUNNING", Duration.ofMinutes(2));

		DigitsClient.Response cancel = client.postJson("/api/jobs/" + id + "/cancel", "");

		assertThat(cancel.status()).isEqualTo(200);
		JsonNode job = client.awaitJob(id, Duration.ofSeconds(30));
		assertThat(job.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(job.get("modelId").isNull()).isTrue();
		assertThat(job.get("finishedAt").isNull()).isFalse();
	}

	@Test
	void jobsAreListedNewestFirstWithPaging() {
		String older = client.postJson("/api/jobs", "{\"trainLimit\": 500, \"epochs\": 1}").json().get("id").asString();
		String newer = client.postJson("/api/jobs", "{\"trainLimit\": 500, \"epochs\": 1}").json().get("id").asString();

		JsonNode page = client.get("/api/jobs?page=0&size=2").json();
		assertThat(page.size()).isEqualTo(2);
		assertThat(page.get(0).get("id").asString()).isEqualTo(newer);
		assertThat(page.get(1).get("id").asString()).isEqualTo(older);
		assertThat(client.get("/api/jobs?page=0&size=1").json().get(0).get("id").asString()).isEqualTo(newer);
		client.awaitJob(newer, Duration.ofMinutes(1));
	}

	@Test
	void anUnknownOrMalformedJobIdIsA404Problem() {
		for (String id : new String[] { "job-000000000000", "nope", "job-..%2F..%2Fetc", "job-ABCDEF123456" }) {
			DigitsClient.Response response = client.get("/api/jobs/" + id);
			assertThat(response.status()).as(id).isEqualTo(404);
			assertThat(response.contentType()).as(id).startsWith("application/problem+json");
		}
		assertThat(client.postJson("/api/jobs/job-000000000000/cancel", "").status()).isEqualTo(404);
	}

}

package io.digits.training;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A server with a queue of one and no model at all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "digits.bootstrap.enabled=false", "digits.store.dir=target/test-stores/${random.uuid}",
				"digits.training.queue-capacity=1" })
class JobQueueTests {

	@LocalServerPort
	int port;

	@Test
	void aFullQueueAnswers429WithRetryAfterAndCancelledJobsFreeIt() {
		DigitsClient client = new DigitsClient(port);
		String long1 = "{\"epochs\": 100, \"batchSize\": 32}";
		String running = client.postJson("/api/jobs", long1).json().get("id").asString();
		client.awaitState(running, "RUNNING", Duration.ofMinutes(1));
		DigitsClient.Response queued = client.postJson("/api/jobs", long1);
		assertThat(queued.json().get("state").asString()).isEqualTo("QUEUED");

		DigitsClient.Response refused = client.postJson("/api/jobs", long1);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(refused.json().get("detail").asString()).contains("queue is full");

		String queuedId = queued.json().get("id").asString();
		assertThat(client.postJson("/api/jobs/" + queuedId + "/cancel", "").json().get("state").asString())
			.isEqualTo("CANCELLED");
		DigitsClient.Response accepted = client.postJson("/api/jobs", long1);
		assertThat(accepted.status()).isEqualTo(202);

		client.postJson("/api/jobs/" + accepted.json().get("id").asString() + "/cancel", "");
		client.postJson("/api/jobs/" + running + "/cancel", "");
		assertThat(client.awaitJob(running, Duration.ofSeconds(30)).get("state").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void withoutAnActiveModelPredictionsAre503WithHowToTrainOne() {
		DigitsClient client = new DigitsClient(port);

		DigitsClient.Response response = client.upload("/api/predictions", "image",
				java.util.List.of(MnistSamples.png(MnistSamples.image(0))));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("POST /api/jobs");
		assertThat(client.get("/api/models/active").status()).isEqualTo(404);
	}

}

package io.digits.training;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.EventStreamClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A server with a queue of one, quick keep-alives and no model at all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "digits.bootstrap.enabled=false", "digits.store.dir=target/test-stores/${random.uuid}",
				"digits.training.queue-capacity=1", "digits.training.stream.keep-alive=300ms",
				"digits.auth.token=" + DigitsClient.TEST_TOKEN })
@SlowTest
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
	void aQuietStreamSendsKeepAliveComments() throws Exception {
		DigitsClient client = new DigitsClient(port);
		String running = client.postJson("/api/jobs", "{\"epochs\": 100, \"batchSize\": 32}").json().get("id").asString();
		String queued = client.postJson("/api/jobs", "{\"epochs\": 3}").json().get("id").asString();
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + queued + "/events", null)) {
			assertThat(stream.next().data().get("state").asString()).isEqualTo("QUEUED");
			Thread.sleep(1200);
			client.postJson("/api/jobs/" + queued + "/cancel", "");

			EventStreamClient.Event cancelled = stream.next();

			assertThat(cancelled.data().get("state").asString()).isEqualTo("CANCELLED");
			assertThat(stream.comments()).hasSizeGreaterThanOrEqualTo(2).allMatch(comment -> comment.contains("keep-alive"));
			assertThat(stream.next().type()).isEqualTo("done");
			assertThat(stream.next()).isNull();
		}
		finally {
			client.postJson("/api/jobs/" + running + "/cancel", "");
			client.awaitJob(running, Duration.ofSeconds(30));
		}
	}

	@Test
	void withoutAModelTheServiceIsAliveButNotReady() {
		DigitsClient client = new DigitsClient(port);

		DigitsClient.Response readiness = client.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
		assertThat(readiness.json().get("components").get("digits").get("details").get("activeModel").asString())
			.isEqualTo("none");
		assertThat(client.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");

		JsonNode info = client.get("/actuator/info").json();
		assertThat(info.get("nd4j").get("backend").asString()).isEqualTo("CPU");
		assertThat(info.get("nd4j").get("blasVendor").asString()).isEqualTo("OPENBLAS");
		assertThat(info.get("dl4j").get("version").asString()).isEqualTo("1.0.0-M2.1");
		assertThat(info.get("activeModel").get("id").asString()).isEqualTo("none");
	}

	@Test
	void actuatorExposesOnlyHealthInfoMetricsAndPrometheus() {
		DigitsClient client = new DigitsClient(port);

		JsonNode links = client.get("/actuator").json().get("_links");
		assertThat(links.propertyNames()).containsExactlyInAnyOrder("self", "health", "health-path", "info", "metrics",
				"metrics-requiredMetricName", "prometheus");
		assertThat(client.get("/actuator/env").status()).isEqualTo(404);
		assertThat(client.get("/actuator/beans").status()).isEqualTo(404);
	}

	@Test
	void withoutAnActiveModelPredictionsAre503WithHowToTrainOne() {
		DigitsClient client = new DigitsClient(port);

		DigitsClient.Response response = client.upload("/api/predictions", "image",
				java.util.List.of(MnistSamples.png(MnistSamples.image(0))));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("POST /api/jobs");
		assertThat(client.get("/api/models/active").status()).as("one answer for no active model").isEqualTo(503);
	}

}

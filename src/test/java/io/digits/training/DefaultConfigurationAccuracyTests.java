package io.digits.training;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class DefaultConfigurationAccuracyTests {

	@LocalServerPort
	int port;

	/** The seed network 784-128-64-10 with every default: Adam 1e-3, batch 128, 10 epochs, full 60k training set. */
	@Test
	void theDefaultConfigurationReaches97PercentOnTheFullTestSet() {
		DigitsClient client = new DigitsClient(port);
		String id = client.postJson("/api/jobs", "{}").json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(10));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("hyperparameters").get("trainLimit").asInt()).isEqualTo(60_000);
		assertThat(job.get("epochs").size()).isEqualTo(10);
		double accuracy = job.get("epochs").get(9).get("testAccuracy").asDouble();
		assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
		assertThat(client.get("/api/models/" + job.get("modelId").asString()).json().get("testAccuracy").asDouble())
			.isEqualTo(accuracy);
	}

}

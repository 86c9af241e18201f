package io.digits.training.network;

import java.time.Duration;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The question's first mistake, softmax applied twice, replayed against the right ways to end a classifier. */
@DigitsServerTest
class OutputLossTests {

	private static final String SETUP = "\"trainLimit\": 6000, \"epochs\": 1, \"optimizer\": \"sgd\", \"learningRate\": 0.05, \"batchSize\": 32";

	@LocalServerPort
	int port;

	@Test
	void softmaxFedIntoALossThatAppliesSoftmaxAgainIsWarnedOfAndLearnsWorse() {
		DigitsClient client = new DigitsClient(port);
		DigitsClient.Response doubled = client.postJson("/api/jobs", "{" + SETUP
				+ ", \"outputActivation\": \"softmax\", \"loss\": \"softmax-cross-entropy\"}");
		assertThat(doubled.status()).isEqualTo(202);
		assertThat(doubled.json().get("setupFindings").get(0).get("code").asString()).isEqualTo("output-loss-mismatch");
		String logits = client.postJson("/api/jobs", "{" + SETUP
				+ ", \"outputActivation\": \"identity\", \"loss\": \"softmax-cross-entropy\"}").json().get("id").asString();
		String probabilities = client.postJson("/api/jobs", "{" + SETUP + "}").json().get("id").asString();

		double doubledAccuracy = accuracy(client.awaitJob(doubled.json().get("id").asString(), Duration.ofMinutes(2)));
		JsonNode logitsJob = client.awaitJob(logits, Duration.ofMinutes(2));
		double logitsAccuracy = accuracy(logitsJob);
		double probabilitiesAccuracy = accuracy(client.awaitJob(probabilities, Duration.ofMinutes(2)));

		// the two right pairs are the same model written two ways; the doubled softmax falls well behind
		assertThat(logitsAccuracy).isGreaterThan(0.85);
		assertThat(Math.abs(logitsAccuracy - probabilitiesAccuracy)).isLessThan(0.02);
		assertThat(doubledAccuracy).isLessThan(probabilitiesAccuracy - 0.05);
		assertThat(client.get("/api/jobs/" + logits + "/diagnosis").body()).doesNotContain("output-loss-mismatch");

		// a model with raw-score outputs still answers with probabilities
		JsonNode prediction = client.upload("/api/predictions?model=" + logitsJob.get("modelId").asString(), "image",
				java.util.List.of(MnistSamples.png(MnistSamples.image(0)))).json().get("predictions").get(0);
		double sum = 0;
		for (JsonNode p : prediction.get("probabilities")) {
			sum += p.asDouble();
		}
		assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
	}

	private static double accuracy(JsonNode job) {
		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		return job.get("epochs").get(0).get("testAccuracy").asDouble();
	}

}

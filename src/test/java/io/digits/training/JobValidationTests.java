package io.digits.training;

import java.util.List;
import java.util.stream.Stream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusals that need the whole service (the budget, the datasets), over real HTTP with the token filter and the body
 * limit in front; every other validation case is in the fast {@code JobControllerTests}.
 */
@DigitsServerTest
class JobValidationTests {

	@LocalServerPort
	int port;

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of("{\"epochs\": 5000}", "epochs", "limit is 200,000,000"),
				Arguments.of("{\"trainLimit\": 100, \"batchSize\": 128}", "batchSize", "1..100"),
				Arguments.of("{\"hiddenLayers\": [4096, 4096, 4096]}", "hiddenLayers", "the limit is 10,000,000"),
				Arguments.of("{\"l2\": 0.001, \"weightDecay\": 0.01}", "l2", "cannot be combined"),
				Arguments.of("{\"hiddenLayers\": [1,1,1,1,1,1,1,1,1]}", "hiddenLayers", "size must be between 0 and 8"),
				Arguments.of("{\"epochz\": 3}", "epochz", "unknown field 'epochz'"),
				Arguments.of("{\"batchSize\": 1, \"trainLimit\": 60000, \"epochs\": 3333, \"hiddenLayers\": [16]}", "epochs",
						"estimated 4.4 days; the limit is 2.0 h"));
	}

	@ParameterizedTest(name = "{0} names {1}")
	@MethodSource("invalidRequests")
	void eachInvalidFieldIsA400ProblemThatNamesIt(String body, String field, String explanation) {
		DigitsClient.Response response = new DigitsClient(port).postJson("/api/jobs", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("field").asString()).isEqualTo(field);
		assertThat(problem.get("detail").asString()).contains(field.replaceAll("\\[.*", "")).contains(explanation);
	}

	@Test
	void aJobTooBigForMemoryIsRefusedBeforeItRunsAndPredictionsKeepAnswering() {
		DigitsClient client = new DigitsClient(port);
		String model = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"activate\": true}");
		int jobsBefore = client.get("/api/jobs?size=200").json().size();

		// 9.8M parameters, inside the parameter limit; full batches of 60,000 took the process over 5 GB
		DigitsClient.Response refused = client.postJson("/api/jobs",
				"{\"hiddenLayers\": [4096, 1600], \"trainLimit\": 60000, \"batchSize\": 60000, \"epochs\": 1}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("field").asString()).isEqualTo("batchSize");
		assertThat(refused.json().get("detail").asString()).contains("need an estimated").contains("the limit is")
			.contains("a batchSize up to");
		assertThat(client.get("/api/jobs?size=200").json().size()).isEqualTo(jobsBefore);
		for (int i = 0; i < 5; i++) {
			DigitsClient.Response prediction = client.upload("/api/predictions", "image",
					List.of(MnistSamples.png(MnistSamples.image(i))));
			assertThat(prediction.status()).isEqualTo(200);
			assertThat(prediction.json().get("modelId").asString()).isEqualTo(model);
		}
		DigitsClient.Response readiness = client.get("/actuator/health/readiness");
		assertThat(readiness.json().get("components").get("digits").get("status").asString()).isEqualTo("UP");
	}

}

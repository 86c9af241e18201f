package io.digits.training;

import java.util.stream.Stream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
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
				Arguments.of("{\"epochz\": 3}", "epochz", "unknown field 'epochz'"));
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

}

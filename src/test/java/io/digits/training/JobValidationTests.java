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

@DigitsServerTest
class JobValidationTests {

	@LocalServerPort
	int port;

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of("{\"epochs\": 0}", "epochs", "greater than or equal to 1"),
				Arguments.of("{\"epochs\": -3}", "epochs", "greater than or equal to 1"),
				Arguments.of("{\"epochs\": \"ten\"}", "epochs", "integer"),
				Arguments.of("{\"epochs\": 5000}", "epochs", "limit is 200,000,000"),
				Arguments.of("{\"learningRate\": 0}", "learningRate", "greater than 0"),
				Arguments.of("{\"learningRate\": -0.1}", "learningRate", "greater than 0"),
				Arguments.of("{\"learningRate\": 50}", "learningRate", "less than or equal to 10"),
				Arguments.of("{\"momentum\": 1.5}", "momentum", "less than 1"),
				Arguments.of("{\"batchSize\": 0}", "batchSize", "greater than or equal to 1"),
				Arguments.of("{\"batchSize\": 60001}", "batchSize", "less than or equal to 60000"),
				Arguments.of("{\"trainLimit\": 100, \"batchSize\": 128}", "batchSize", "1..100"),
				Arguments.of("{\"trainLimit\": 0}", "trainLimit", "greater than or equal to 1"),
				Arguments.of("{\"hiddenLayers\": [0]}", "hiddenLayers[0]", "greater than or equal to 1"),
				Arguments.of("{\"hiddenLayers\": [128, 5000]}", "hiddenLayers[1]", "less than or equal to 4096"),
				Arguments.of("{\"hiddenLayers\": [4096, 4096, 4096]}", "hiddenLayers", "the limit is 10,000,000"),
				Arguments.of("{\"hiddenLayers\": [1,1,1,1,1,1,1,1,1]}", "hiddenLayers", "size must be between 0 and 8"),
				Arguments.of("{\"hiddenLayers\": 128}", "hiddenLayers", "array"),
				Arguments.of("{\"activation\": \"swish\"}", "activation", "\"relu\", \"leakyrelu\", \"elu\", \"tanh\", \"sigmoid\""),
				Arguments.of("{\"optimizer\": \"lbfgs\"}", "optimizer", "\"sgd\", \"momentum\", \"nesterov\", \"adam\""),
				Arguments.of("{\"dataset\": \"cifar10\"}", "dataset", "\"mnist\", \"fashion-mnist\""),
				Arguments.of("{\"weightInit\": \"zeros\"}", "weightInit", "\"xavier\""),
				Arguments.of("{\"dropout\": 1}", "dropout", "less than 1"),
				Arguments.of("{\"l2\": -1}", "l2", "greater than or equal to 0"),
				Arguments.of("{\"weightDecay\": 2}", "weightDecay", "less than or equal to 1"),
				Arguments.of("{\"l2\": 0.001, \"weightDecay\": 0.01}", "l2", "cannot be combined"),
				Arguments.of("{\"epochz\": 3}", "epochz", "unknown field 'epochz'"),
				Arguments.of("{\"activate\": \"yes\"}", "activate", "true or false"));
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

	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "{\"epochs\": ", "not json", "[1, 2]" })
	void aBodyThatIsNotAJobRequestIsA400Problem(String body) {
		DigitsClient.Response response = new DigitsClient(port).postJson("/api/jobs", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).isNotBlank();
	}

}

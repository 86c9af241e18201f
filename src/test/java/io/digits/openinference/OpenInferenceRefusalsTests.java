package io.digits.openinference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.digits.openinference.OpenInferenceApiTests.bytes;
import static io.digits.openinference.OpenInferenceApiTests.unit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's bounds and refusals where the whole server stands in the way: Tomcat, the body limit, the token
 * filter, the error form of every answer. The tensor checks one by one are InferenceRequestValidationTests'.
 */
@DigitsServerTest
class OpenInferenceRefusalsTests {

	private static String model;

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void trainAModelOnce() {
		client = new DigitsClient(port);
		if (model == null) {
			model = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1}");
		}
	}

	/** 64 MNIST digits in unit scale as doubles, the most a request may hold, fit in the default 1 MB. */
	@Test
	void aFullBatchOfFp32MnistImagesFitsTheBodyLimit() {
		String body = tensor("FP32", "[64, 784]", unit(IntStream.range(0, 64).toArray()));
		assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);

		DigitsClient.Response response = client.postJson(version() + "/infer", body);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("outputs").get(1).get("shape").toString()).isEqualTo("[64]");
	}

	/** 64 images without a zero, each value a double as Python's json.dumps writes it: 1.1 MB. */
	@Test
	void aBodyOverTheLimitIs413NamingTheLimit() {
		String values = IntStream.range(0, 64 * 784).mapToObj(i -> "0.011764705882352941").collect(Collectors.joining(", "));

		DigitsClient.Response response = client.postJson(version() + "/infer", tensor("FP32", "[64, 784]", values));

		assertError(response, 413, "digits.web.max-body-size");
	}

	/** Not every client sends a Content-Type, curl -d sends a form's: the body is JSON all the same. */
	@Test
	void theBodyIsJsonWithoutAContentTypeOrWithAFormsOne() throws Exception {
		String body = tensor("UINT8", "[1, 784]", bytes(0));

		HttpResponse<String> bare = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + version() + "/infer"))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		DigitsClient.Response form = client.post(version() + "/infer", "application/x-www-form-urlencoded",
				body.getBytes(StandardCharsets.UTF_8));

		assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
		assertThat(bare.body()).contains("\"model_version\":\"" + model + "\"");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
	}

	@Test
	void hostileRequestsAreRefusedInTheProtocolsErrorForm() throws IOException {
		assertError(client.postJson(version() + "/infer", "{\"inputs\": [{\"name\": "), 400, "malformed JSON");
		assertError(client.postJson(version() + "/infer", tensor("UINT8", "[1000000000, 784]", "0")), 400,
				"at most 64 per request");
		assertError(client.postJson(version() + "/infer", tensor("UINT8", "[1, -784]", "0")), 400, "[N, 784] or [N, 28, 28]");
		assertError(client.postJson(version() + "/infer", tensor("UINT8", "[2, 784]", bytes(0))), 400,
				"holds 784 values; the shape [2, 784] holds 1568");
		assertError(client.postJson(version() + "/infer", "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 784], "
				+ "\"datatype\": \"UINT8\", \"data\": {\"a\": 1}}]}"), 400, "is not an array");
		assertError(client.postJson("/v2/models/digits/versions/model-000000000000/infer", tensor("UINT8", "[1, 784]",
				bytes(0))), 404, "model-000000000000");
		assertError(client.postJson("/v2/models/mnist/infer", tensor("UINT8", "[1, 784]", bytes(0))), 404, "'digits'");
		assertError(client.get(version() + "/infer"), 405, "");
		assertError(client.get("/v2/models/digits/stats"), 404, "");
		assertError(client.postJson("/v2/repository/models/digits/load", "{}"), 404, "");
	}

	private String version() {
		return "/v2/models/digits/versions/" + model;
	}

	private static String tensor(String datatype, String shape, String values) {
		return "{\"inputs\": [{\"name\": \"input\", \"shape\": %s, \"datatype\": \"%s\", \"data\": [%s]}]}".formatted(shape,
				datatype, values);
	}

	static void assertError(DigitsClient.Response response, int status, String says) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.json().propertyNames()).containsExactly("error");
		assertThat(response.json().get("error").asString()).contains(says).doesNotContainPattern(ProtocolErrors.JAVA_NAME);
	}

}

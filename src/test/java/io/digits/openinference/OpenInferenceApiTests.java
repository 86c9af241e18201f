package io.digits.openinference;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import io.digits.support.PrometheusScrape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The Open Inference Protocol on a real server, with real models trained on MNIST and its real test digits. */
@DigitsServerTest
class OpenInferenceApiTests {

	/** The active model, and a stored one that is not. */
	private static String active;

	private static String stored;

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void trainTwoModelsOnceAndActivateTheFirst() {
		client = new DigitsClient(port);
		if (active == null) {
			active = client.trainModel("{\"trainLimit\": 10000, \"epochs\": 2}");
			stored = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1}");
		}
		// other test classes share this server and may have activated another model
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + active + "\"}").status()).isEqualTo(200);
	}

	/**
	 * The protocol's own example request (inference_rest.md, "Inference Request Examples"), changed only where this
	 * model makes it: the shape [ 2, 2 ] is [ 2, 784 ] and the data two MNIST test digits (a 7 and a 2) instead of
	 * [ 1, 2, 3, 4 ]; the second input (BOOL [ 3 ]) is gone, as this model has one; the output asked for is "digit",
	 * not "output0". The rest, its id, its layout, the input's name and UINT32, is the example's.
	 */
	@Test
	void theSpecificationsExampleAdaptedToThisModelIsAnswered() {
		String example = """
				{
				  "id" : "42",
				  "inputs" : [
				    {
				      "name" : "input0",
				      "shape" : [ 2, 784 ],
				      "datatype" : "UINT32",
				      "data" : [ %s ]
				    }
				  ],
				  "outputs" : [
				    {
				      "name" : "digit"
				    }
				  ]
				}""".formatted(bytes(0, 1));

		DigitsClient.Response response = client.postJson("/v2/models/digits/infer", example);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode answer = response.json();
		assertThat(answer.get("id").asString()).isEqualTo("42");
		assertThat(answer.get("model_name").asString()).isEqualTo("digits");
		assertThat(answer.get("model_version").asString()).isEqualTo(active);
		assertThat(answer.get("outputs").size()).isEqualTo(1);
		assertThat(answer.get("outputs").get(0).toString())
			.isEqualTo("{\"name\":\"digit\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[7,2]}");
	}

	@Test
	void aUint8ImageOf28By28NestedAsItsShapeIsClassified() {
		int[] pixels = MnistSamples.pixels(0);
		String rows = IntStream.range(0, 28)
			.mapToObj(row -> Arrays.toString(Arrays.copyOfRange(pixels, row * 28, row * 28 + 28)))
			.collect(Collectors.joining(", "));

		JsonNode answer = infer("/v2/models/digits/infer", "UINT8", "[1, 28, 28]", "[[" + rows + "]]");

		assertThat(answer.get("model_version").asString()).isEqualTo(active);
		JsonNode probabilities = answer.get("outputs").get(0);
		assertThat(probabilities.get("name").asString()).isEqualTo("probabilities");
		assertThat(probabilities.get("shape").toString()).isEqualTo("[1,10]");
		assertThat(sum(probabilities.get("data"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
		assertThat(answer.get("outputs").get(1).get("data").toString()).isEqualTo("[7]");
	}

	@Test
	void anFp32BatchOfTwoImagesIsClassified() {
		JsonNode answer = infer("/v2/models/digits/infer", "FP32", "[2, 784]", "[" + unit(0, 1) + "]");

		assertThat(answer.get("outputs").get(0).get("shape").toString()).isEqualTo("[2,10]");
		assertThat(answer.get("outputs").get(1).get("data").toString()).isEqualTo("[7,2]");
	}

	/** One path for both APIs: the same images give the very same probabilities, in bytes and in unit scale. */
	@Test
	void theSameImagesGiveTheSameProbabilitiesThroughBothApis() {
		int[] images = IntStream.range(0, 20).toArray();
		String pixels = Arrays.stream(images).mapToObj(i -> Arrays.toString(MnistSamples.pixels(i))).collect(Collectors.joining(", "));
		String unitPixels = Arrays.stream(images).mapToObj(i -> "[" + unit(i) + "]").collect(Collectors.joining(", "));

		for (String model : List.of(active, stored)) {
			JsonNode fromBytes = client.postJson("/api/predictions?model=" + model, "{\"images\": [" + pixels + "]}").json();
			JsonNode fromUnit = client.postJson("/api/predictions?model=" + model,
					"{\"images\": [" + unitPixels + "], \"scale\": \"unit\"}").json();
			String version = "/v2/models/digits/versions/" + model + "/infer";
			JsonNode uint8 = infer(version, "UINT8", "[20, 784]", "[" + bytes(images) + "]");
			JsonNode fp32 = infer(version, "FP32", "[20, 28, 28]", "[" + unit(images) + "]");

			assertThat(uint8.get("model_version").asString()).isEqualTo(model);
			assertThat(uint8.get("outputs").get(0).get("data")).isEqualTo(probabilities(fromBytes));
			assertThat(fp32.get("outputs").get(0).get("data")).isEqualTo(probabilities(fromUnit));
		}
	}

	@Test
	void aStoredModelThatIsNotActiveAnswersThroughItsVersionAndTheActiveOneWithout() {
		String image = "[" + bytes(1) + "]";

		assertThat(infer("/v2/models/digits/versions/" + stored + "/infer", "UINT8", "[1, 784]", image)
			.get("model_version").asString()).isEqualTo(stored);
		assertThat(infer("/v2/models/digits/infer", "UINT8", "[1, 784]", image).get("model_version").asString())
			.isEqualTo(active);
		assertThat(client.get("/v2/models/digits/versions/" + stored + "/ready").json().get("ready").asBoolean()).isTrue();
		assertThat(client.get("/v2/models/digits/versions/" + stored).json().get("versions").toString())
			.isEqualTo("[\"" + stored + "\"]");
	}

	@Test
	void theServerAndItsModelAreReadyAndDescribeThemselves() {
		assertThat(client.get("/v2/health/live").json().get("live").asBoolean()).isTrue();
		awaitReadiness();
		DigitsClient.Response ready = client.get("/v2/health/ready");
		assertThat(ready.status()).isEqualTo(200);
		assertThat(ready.json().get("ready").asBoolean()).isTrue();
		assertThat(client.get("/v2/models/digits/ready").status()).isEqualTo(200);

		JsonNode server = client.get("/v2").json();
		assertThat(server.get("name").asString()).isEqualTo("digits");
		JsonNode model = client.get("/v2/models/digits").json();
		assertThat(model.get("versions").toString()).contains(active, stored);
		assertThat(model.get("inputs").toString()).isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,784]}]");
	}

	@Test
	void inferencesCountInThePredictionMetrics() {
		double before = scrape().value("digits_predictions_images_total");

		infer("/v2/models/digits/infer", "UINT8", "[3, 784]", "[" + bytes(0, 1, 2) + "]");

		PrometheusScrape after = scrape();
		assertThat(after.value("digits_predictions_images_total")).isEqualTo(before + 3);
		assertThat(after.has("http_server_requests_seconds_count", "uri", "/v2/models/{name}/infer")).isTrue();
	}

	private JsonNode infer(String path, String datatype, String shape, String data) {
		DigitsClient.Response response = client.postJson(path,
				"{\"inputs\": [{\"name\": \"input\", \"shape\": %s, \"datatype\": \"%s\", \"data\": %s}]}".formatted(shape,
						datatype, data));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		return response.json();
	}

	/** The /api/predictions answer's probabilities, flat and in order, as the protocol's FP32 output holds them. */
	private static JsonNode probabilities(JsonNode predictions) {
		tools.jackson.databind.node.ArrayNode flat = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
		predictions.get("predictions").forEach(prediction -> prediction.get("probabilities").forEach(flat::add));
		return flat;
	}

	/** Until the actuator says ready: MNIST is loaded by a thread of its own after the start. */
	private void awaitReadiness() {
		long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
		while (client.get("/actuator/health/readiness").status() != 200) {
			assertThat(System.nanoTime()).as("readiness within a minute").isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.parse(client.get("/actuator/prometheus").body());
	}

	/** MNIST test images' pixels, 0..255, flat. */
	static String bytes(int... images) {
		return Arrays.stream(images)
			.mapToObj(i -> Arrays.stream(MnistSamples.pixels(i)).mapToObj(String::valueOf).collect(Collectors.joining(",")))
			.collect(Collectors.joining(","));
	}

	/** MNIST test images' pixels divided by 255, as a client scaling them to 0..1 with doubles writes them. */
	static String unit(int... images) {
		return Arrays.stream(images)
			.mapToObj(i -> Arrays.stream(MnistSamples.pixels(i)).mapToObj(p -> String.valueOf(p / 255.0))
				.collect(Collectors.joining(",")))
			.collect(Collectors.joining(","));
	}

	private static double sum(JsonNode values) {
		double sum = 0;
		for (JsonNode value : values) {
			sum += value.asDouble();
		}
		return sum;
	}

}

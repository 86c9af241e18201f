package io.digits.inference;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

import javax.imageio.ImageIO;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import io.digits.support.PrometheusScrape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's checks over real HTTP with real models: flags on the whole MNIST test set with the default model, flags on
 * noise, blank and inverted images, abstention, explanations with their cost, and the drift score.
 */
@DigitsServerTest
class TrustApiTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void onTheTestSetTheDefaultModelsInputFlagsStaySilentAndItsFlagsMostly() {
		String model = client.trainModel("{}");
		int inputSilent = 0, allSilent = 0, count = 0;
		int[] byFlag = new int[4];
		List<String> names = List.of("blank", "off-distribution", "low-confidence", "ambiguous");
		for (int from = 0; from < 10_000; from += 64) {
			JsonNode answer = client.postJson("/api/predictions?model=" + model, images(from, Math.min(10_000, from + 64)))
				.json();
			for (JsonNode prediction : answer.get("predictions")) {
				List<String> flags = prediction.get("flags").valueStream().map(JsonNode::asString).toList();
				inputSilent += flags.contains("blank") || flags.contains("off-distribution") ? 0 : 1;
				allSilent += flags.isEmpty() ? 1 : 0;
				flags.forEach(flag -> byFlag[names.indexOf(flag)]++);
				count++;
			}
		}
		System.out.printf("Default model %s on the %d MNIST test digits: input flags silent on %.2f%%, all flags on "
				+ "%.2f%% (blank %d, off-distribution %d, low-confidence %d, ambiguous %d)%n", model, count,
				100.0 * inputSilent / count, 100.0 * allSilent / count, byFlag[0], byFlag[1], byFlag[2], byFlag[3]);
		assertThat(count).isEqualTo(10_000);
		assertThat(inputSilent).isGreaterThanOrEqualTo(9_900);
		assertThat(allSilent).isGreaterThanOrEqualTo(9_700);
	}

	@Test
	void noiseBlankAndInvertedImagesAreFlaggedAndTheServiceAbstainsWhenAsked() throws Exception {
		String model = client.trainModel("{\"trainLimit\": 6000, \"epochs\": 2}");
		Random random = new Random(5);
		StringJoiner noise = new StringJoiner(",", "[", "]");
		for (int p = 0; p < 784; p++) {
			noise.add(Integer.toString(random.nextInt(256)));
		}
		StringJoiner inverted = new StringJoiner(",", "[", "]");
		for (int value : MnistSamples.pixels(0)) {
			inverted.add(Integer.toString(255 - value));
		}
		String body = "{\"images\": [" + noise + ", " + inverted + ", " + pixels(new int[784]) + ", "
				+ pixels(MnistSamples.pixels(0)) + "]}";
		JsonNode answer = client.postJson("/api/predictions?minConfidence=0.99&model=" + model, body).json();
		List<JsonNode> predictions = answer.get("predictions").valueStream().toList();
		assertThat(flags(predictions.get(0))).contains("off-distribution");
		assertThat(flags(predictions.get(1))).contains("off-distribution");
		assertThat(flags(predictions.get(2))).contains("blank");
		assertThat(flags(predictions.get(3))).doesNotContain("blank", "off-distribution");
		for (JsonNode prediction : predictions) {
			boolean below = prediction.get("confidence").asDouble() < 0.99;
			assertThat(prediction.get("abstained").asBoolean()).isEqualTo(below);
			assertThat(prediction.get("digit").isNull()).isEqualTo(below);
		}
		// a noise photo goes through MNIST's preparation first (ink found, cropped, scaled, centred), which makes a blob
		// of it within the training digits' bounds: the output's flags say not to believe it
		BufferedImage photo = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 90; y++) {
			for (int x = 0; x < 120; x++) {
				photo.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		JsonNode uploaded = client.upload("/api/predictions?model=" + model, "image",
				List.of(MnistSamples.png(photo))).json();
		System.out.println("A noise photo's flags: " + flags(uploaded.get("predictions").get(0)));
		assertThat(flags(uploaded.get("predictions").get(0))).isNotEmpty();
	}

	@Test
	void explanationsAddUpAndDrawTheirHeatMapAndCostMeasuredMilliseconds() throws Exception {
		String model = client.trainModel("{\"trainLimit\": 6000, \"epochs\": 2}");
		String body = images(0, 16);
		JsonNode integrated = client.postJson("/api/predictions?explain=integrated-gradients&model=" + model, body).json();
		JsonNode saliency = client.postJson("/api/predictions?explain=saliency&model=" + model, body).json();
		System.out.printf("16 test digits a request, median of 20 after 10 to warm up: %.1f ms plain, %.1f ms with "
				+ "integrated gradients (32 steps), %.1f ms with saliency%n", medianMillis("", model, body),
				medianMillis("explain=integrated-gradients&", model, body), medianMillis("explain=saliency&", model, body));
		double worst = 0;
		for (JsonNode prediction : integrated.get("predictions")) {
			JsonNode explanation = prediction.get("explanation");
			assertThat(explanation.get("method").asString()).isEqualTo("integrated-gradients");
			assertThat(explanation.get("attributions").size()).isEqualTo(784);
			worst = Math.max(worst, explanation.get("completenessError").asDouble());
			String overlay = explanation.get("overlay").asString();
			assertThat(overlay).startsWith("data:image/png;base64,");
			BufferedImage png = ImageIO.read(new ByteArrayInputStream(
					Base64.getDecoder().decode(overlay.substring("data:image/png;base64,".length()))));
			assertThat(png.getWidth()).isEqualTo(112);
		}
		System.out.printf("integrated gradients over HTTP: worst completeness error of 16 digits %.4f%n", worst);
		assertThat(worst).isLessThan(0.05);
		assertThat(saliency.get("predictions").get(0).get("explanation").get("completenessError").isNull()).isTrue();
		assertThat(client.postJson("/api/predictions?model=" + model, body).json().get("predictions").get(0)
			.has("explanation")).isFalse();

		refused("/api/predictions?explain=shap", "explain");
		refused("/api/predictions?explain=integrated-gradients&steps=0", "steps");
		refused("/api/predictions?explain=integrated-gradients&steps=100000", "steps");
		refused("/api/predictions?minConfidence=1.5", "minConfidence");
		String mse = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1, \"loss\": \"mse\"}");
		refused("/api/predictions?explain=saliency&model=" + mse, "explain");
	}

	@Test
	void twoHundredTestDigitsKeepTheDriftScoreLowAndTwoHundredNoiseImagesRaiseIt() {
		String model = client.trainModel("{\"trainLimit\": 6000, \"epochs\": 2}");
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + model + "\"}").status()).isEqualTo(200);
		Random random = new Random(11);
		for (int request = 0; request < 4; request++) {
			List<int[]> sample = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				sample.add(MnistSamples.pixels(random.nextInt(10_000)));
			}
			client.postJson("/api/predictions", images(sample));
		}
		JsonNode digits = client.get("/api/predictions/drift").json();
		double scraped = PrometheusScrape.parse(client.get("/actuator/prometheus").body()).find("digits_input_drift_score")
			.get(0).value();
		for (int request = 0; request < 4; request++) {
			List<int[]> sample = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				int[] pixels = new int[784];
				for (int p = 0; p < pixels.length; p++) {
					pixels[p] = random.nextInt(256);
				}
				sample.add(pixels);
			}
			client.postJson("/api/predictions", images(sample));
		}
		JsonNode noise = client.get("/api/predictions/drift").json();
		System.out.printf("drift score over HTTP: 200 random test digits %.3f (Prometheus %.3f), then 200 noise images "
				+ "%.3f%n", digits.get("inputDriftScore").asDouble(), scraped, noise.get("inputDriftScore").asDouble());
		assertThat(digits.get("modelId").asString()).isEqualTo(model);
		assertThat(digits.get("count").asInt()).isEqualTo(200);
		assertThat(digits.get("inputDriftScore").asDouble()).isLessThan(0.1).isEqualTo(scraped);
		assertThat(noise.get("inputDriftScore").asDouble()).isGreaterThan(0.25);
		assertThat(digits.get("referenceClassShares").size()).isEqualTo(10);
		assertThat(PrometheusScrape.parse(client.get("/actuator/prometheus").body())
			.find("digits_predicted_class_share", "digit", "8")).hasSize(1);
	}

	private double medianMillis(String query, String model, String body) {
		double[] millis = new double[30];
		for (int i = 0; i < millis.length; i++) {
			long start = System.nanoTime();
			assertThat(client.postJson("/api/predictions?" + query + "model=" + model, body).status()).isEqualTo(200);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		double[] measured = java.util.Arrays.copyOfRange(millis, 10, 30);
		java.util.Arrays.sort(measured);
		return measured[10];
	}

	private void refused(String path, String field) {
		DigitsClient.Response refused = client.postJson(path, images(0, 1));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo(field);
	}

	private static List<String> flags(JsonNode prediction) {
		return prediction.get("flags").valueStream().map(JsonNode::asString).toList();
	}

	private static String images(int from, int to) {
		List<int[]> images = new ArrayList<>();
		for (int i = from; i < to; i++) {
			images.add(MnistSamples.pixels(i));
		}
		return images(images);
	}

	private static String images(List<int[]> images) {
		StringJoiner all = new StringJoiner(",", "{\"images\": [", "]}");
		images.forEach(image -> all.add(pixels(image)));
		return all.toString();
	}

	private static String pixels(int[] values) {
		StringJoiner joined = new StringJoiner(",", "[", "]");
		for (int value : values) {
			joined.add(Integer.toString(value));
		}
		return joined.toString();
	}

}

package io.digits.inference;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class PredictionApiTests {

	/** The first test images of MNIST, never seen in training. */
	private static final int IMAGES = 200;

	private static String modelId;

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void trainAModelOnce() {
		client = new DigitsClient(port);
		if (modelId == null) {
			modelId = client.trainModel("{\"trainLimit\": 10000, \"epochs\": 2}");
		}
	}

	@Test
	void realMnistTestImagesUploadedAsPngAreClassified() {
		int correct = 0;
		for (int start = 0; start < IMAGES; start += 20) {
			List<byte[]> pngs = new ArrayList<>();
			for (int i = start; i < start + 20; i++) {
				pngs.add(MnistSamples.png(MnistSamples.image(i)));
			}
			DigitsClient.Response response = client.upload("/api/predictions?model=" + modelId, "image", pngs);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("modelId").asString()).isEqualTo(modelId);
			JsonNode predictions = response.json().get("predictions");
			assertThat(predictions.size()).isEqualTo(20);
			for (int i = 0; i < 20; i++) {
				JsonNode prediction = predictions.get(i);
				assertThat(prediction.get("probabilities").size()).isEqualTo(10);
				assertThat(sum(prediction.get("probabilities"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
				if (prediction.get("digit").asInt() == MnistSamples.label(start + i)) {
					correct++;
				}
			}
		}
		// a model trained on 10,000 images for 2 epochs scores ~94% on the test set
		assertThat(correct / (double) IMAGES).isGreaterThanOrEqualTo(0.9);
	}

	@Test
	void anUploadOfTheMostImagesARequestMayHoldIsAnswered() {
		// 64 (digits.inference.max-images-per-request), more than Tomcat's default of 50 parts
		List<byte[]> pngs = java.util.stream.IntStream.range(0, 64).mapToObj(i -> MnistSamples.png(MnistSamples.image(i))).toList();
		DigitsClient.Response response = client.upload("/api/predictions?model=" + modelId, "image", pngs);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("predictions").size()).isEqualTo(64);
	}

	@Test
	void pixelsSentAsJsonGiveTheSameAnswersAsTheSamePng() {
		String json = "{\"images\": [" + java.util.stream.IntStream.range(0, 50)
			.mapToObj(i -> Arrays.toString(MnistSamples.pixels(i)))
			.collect(Collectors.joining(",")) + "]}";
		JsonNode fromJson = client.postJson("/api/predictions?model=" + modelId, json).json().get("predictions");

		List<byte[]> pngs = java.util.stream.IntStream.range(0, 50).mapToObj(i -> MnistSamples.png(MnistSamples.image(i))).toList();
		JsonNode fromPng = client.upload("/api/predictions?model=" + modelId, "image", pngs).json().get("predictions");

		int correct = 0;
		for (int i = 0; i < 50; i++) {
			assertThat(fromJson.get(i).get("digit").asInt()).isEqualTo(fromPng.get(i).get("digit").asInt());
			assertThat(fromJson.get(i).get("confidence").asDouble()).isCloseTo(fromPng.get(i).get("confidence").asDouble(),
					org.assertj.core.data.Offset.offset(1e-5));
			correct += fromJson.get(i).get("digit").asInt() == MnistSamples.label(i) ? 1 : 0;
		}
		assertThat(correct).isGreaterThanOrEqualTo(45);
	}

	@Test
	void concurrentRequestsBatchedIntoOnePassEachGetTheirOwnImagesAnswer() throws Exception {
		int images = 40;
		String[] bodies = new String[images];
		double[] alone = new double[images];
		for (int i = 0; i < images; i++) {
			bodies[i] = "{\"pixels\": " + Arrays.toString(MnistSamples.pixels(i)) + "}";
			alone[i] = client.postJson("/api/predictions?model=" + modelId, bodies[i]).json().get("predictions").get(0)
				.get("probabilities").get(MnistSamples.label(i)).asDouble();
		}

		// 8 clients sending at once keep the inference thread's queue full, so passes hold several requests
		java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<Double>> together = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < images; i++) {
					int image = i;
					together.add(clients.submit(() -> client.postJson("/api/predictions?model=" + modelId, bodies[image])
						.json().get("predictions").get(0).get("probabilities").get(MnistSamples.label(image)).asDouble()));
				}
			}
			for (int k = 0; k < together.size(); k++) {
				assertThat(together.get(k).get()).as("image %d", k % images)
					.isCloseTo(alone[k % images], org.assertj.core.data.Offset.offset(1e-5));
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void oneImageAsPixelsInUnitScale() {
		int[] pixels = MnistSamples.pixels(0);
		String unit = Arrays.stream(pixels).mapToObj(p -> String.valueOf(p / 255.0)).collect(Collectors.joining(","));

		DigitsClient.Response response = client.postJson("/api/predictions?model=" + modelId,
				"{\"pixels\": [" + unit + "], \"scale\": \"unit\"}");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("predictions").get(0).get("digit").asInt()).isEqualTo(7);
	}

	@Test
	void theActiveModelAnswersWhenNoneIsNamed() {
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + modelId + "\"}").status()).isEqualTo(200);

		DigitsClient.Response response = client.upload("/api/predictions", "image",
				List.of(MnistSamples.png(MnistSamples.image(0))));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("modelId").asString()).isEqualTo(modelId);
		assertThat(response.json().get("predictions").get(0).get("digit").asInt()).isEqualTo(7);
	}

	@Test
	void aDigitPhotographedDarkOnLightInJpegIsClassified() {
		BufferedImage photo = new BufferedImage(140, 140, BufferedImage.TYPE_INT_RGB);
		int[] pixels = MnistSamples.pixels(0);
		for (int y = 0; y < 140; y++) {
			for (int x = 0; x < 140; x++) {
				int level = 235 - pixels[(y / 5) * 28 + x / 5] * 200 / 255; // grey paper, dark grey ink
				photo.setRGB(x, y, level << 16 | level << 8 | level);
			}
		}

		DigitsClient.Response response = client.upload("/api/predictions?model=" + modelId, "image",
				List.of(MnistSamples.encode(photo, "jpeg")));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("predictions").get(0).get("digit").asInt()).isEqualTo(7);
	}

	@Test
	void badUploadsAreClearProblems() {
		assertProblem(client.upload("/api/predictions", "image", List.of("<html>hello</html>".getBytes())), 415,
				"not a PNG, JPEG, GIF or BMP");
		assertProblem(client.upload("/api/predictions", "image", List.of(new byte[0])), 400, "is empty");
		assertProblem(client.upload("/api/predictions", "picture", List.of(MnistSamples.png(MnistSamples.image(0)))),
				400, "image");
		byte[] png = MnistSamples.png(MnistSamples.image(0));
		assertProblem(client.upload("/api/predictions", "image", List.of(Arrays.copyOf(png, png.length / 2))), 400,
				"could not be decoded");
		assertProblem(client.upload("/api/predictions", "image",
				List.of(MnistSamples.png(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY)))), 400,
				"at least 28x28");
		assertProblem(client.upload("/api/predictions?model=model-000000000000", "image", List.of(png)), 404,
				"model-000000000000");
	}

	@Test
	void badPixelRequestsNameTheField() {
		assertProblem(client.postJson("/api/predictions", "{\"pixels\": [1, 2, 3]}"), 400, "784");
		assertProblem(client.postJson("/api/predictions", "{}"), 400, "either pixels");
		int[] pixels = MnistSamples.pixels(0);
		pixels[100] = 300;
		assertProblem(client.postJson("/api/predictions", "{\"pixels\": " + Arrays.toString(pixels) + "}"), 400,
				"pixels[100] is 300.0; values must be 0..255");
		assertProblem(client.postJson("/api/predictions", "{\"pixels\": " + Arrays.toString(MnistSamples.pixels(0))
				+ ", \"scale\": \"unit\"}"), 400, "values must be 0..1");
		assertProblem(client.postJson("/api/predictions", "{\"pixels\": [NaN]}"), 400, "malformed JSON");
	}

	private static void assertProblem(DigitsClient.Response response, int status, String detail) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains(detail);
	}

	private static double sum(JsonNode values) {
		double sum = 0;
		for (int i = 0; i < values.size(); i++) {
			sum += values.get(i).asDouble();
		}
		return sum;
	}

}

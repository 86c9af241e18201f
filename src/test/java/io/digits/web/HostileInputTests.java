package io.digits.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A corpus of bad requests, each answered with a 4xx problem; the server goes on answering good ones. */
@DigitsServerTest
class HostileInputTests {

	@LocalServerPort
	int port;

	private record Case(String name, Supplier<DigitsClient.Response> request) {
	}

	@TestFactory
	Stream<DynamicTest> everyHostileRequestGetsA4xxProblem() {
		List<Case> corpus = corpus(new DigitsClient(port));
		assertThat(corpus.size()).isGreaterThanOrEqualTo(40);
		return corpus.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
			DigitsClient.Response response = c.request().get();
			assertThat(response.status()).as(response.body()).isBetween(400, 499);
			assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem.get("status").asInt()).isEqualTo(response.status());
			assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
		}));
	}

	@Test
	void afterTheCorpusTheServerStillTrainsAndPredicts() {
		DigitsClient client = new DigitsClient(port);
		for (Case c : corpus(client)) {
			c.request().get();
		}

		String job = client.postJson("/api/jobs", "{\"trainLimit\": 2000, \"epochs\": 1}").json().get("id").asString();
		JsonNode done = client.awaitJob(job, Duration.ofMinutes(2));
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		DigitsClient.Response prediction = client.upload("/api/predictions?model=" + done.get("modelId").asString(),
				"image", List.of(MnistSamples.png(MnistSamples.image(1))));
		assertThat(prediction.status()).isEqualTo(200);
		assertThat(client.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
	}

	private static List<Case> corpus(DigitsClient client) {
		List<Case> cases = new ArrayList<>();
		for (String body : List.of("{\"epochs\": 0}", "{\"epochs\": -1}", "{\"epochs\": 99999999999}",
				"{\"epochs\": \"ten\"}", "{\"epochs\": 1.5}", "{\"learningRate\": 0}", "{\"learningRate\": -0.01}",
				"{\"learningRate\": 1e309}", "{\"learningRate\": NaN}", "{\"learningRate\": Infinity}",
				"{\"batchSize\": 0}", "{\"batchSize\": 1000000}", "{\"hiddenLayers\": [0]}", "{\"hiddenLayers\": [-5]}",
				"{\"hiddenLayers\": [100000]}", "{\"hiddenLayers\": [null]}", "{\"hiddenLayers\": \"128,64\"}",
				"{\"hiddenLayers\": [[128]]}", "{\"hiddenLayers\": [4096, 4096, 4096, 4096]}",
				"{\"hiddenLayers\": [1,2,3,4,5,6,7,8,9]}", "{\"activation\": \"RELU\"}", "{\"activation\": \"swish\"}",
				"{\"optimizer\": 3}", "{\"optimizer\": \"lbfgs\"}", "{\"dataset\": \"../../etc/passwd\"}",
				"{\"dropout\": 1.0}", "{\"momentum\": -0.5}", "{\"seed\": 1e400}", "{\"trainLimit\": 0}",
				"{\"trainLimit\": 50, \"batchSize\": 64}", "{\"epochs\": 9000}", "{\"unknown\": true}",
				"{\"activate\": \"yes\"}", "[]", "\"a string\"", "{", "{\"epochs\": 1}}", nested(5000))) {
			cases.add(new Case("POST /api/jobs " + abbreviate(body), () -> client.postJson("/api/jobs", body)));
		}
		cases.add(new Case("POST /api/jobs with 2 MB of JSON",
				() -> client.postJson("/api/jobs", "{\"hiddenLayers\": [" + "1,".repeat(1_000_000) + "1]}")));
		cases.add(new Case("POST /api/jobs as text/plain", () -> client.post("/api/jobs", "text/plain", "epochs=1".getBytes())));
		cases.add(new Case("DELETE /api/jobs", () -> client.delete("/api/jobs")));

		String good = Arrays.toString(MnistSamples.pixels(0));
		for (String body : List.of("{\"pixels\": [1, 2, 3]}", "{\"pixels\": " + good.replace("[0, ", "[") + "}",
				"{\"pixels\": " + good.replace("[0, ", "[-1, ") + "}", "{\"pixels\": " + good.replace("[0, ", "[256, ") + "}",
				"{\"pixels\": " + good.replace("[0, ", "[null, ") + "}", "{\"pixels\": " + good.replace("[0, ", "[\"x\", ") + "}",
				"{\"pixels\": " + good.replace("[0, ", "[Infinity, ") + "}", "{\"images\": []}",
				"{\"images\": [" + String.join(",", Collections.nCopies(65, good)) + "]}",
				"{\"images\": [" + good + ", [1]]}", "{\"pixels\": " + good + ", \"scale\": \"percent\"}",
				"{\"pixels\": " + good + ", \"images\": [" + good + "]}", "{}", "{\"pixels\": " + good + ", \"scale\": \"unit\"}")) {
			cases.add(new Case("POST /api/predictions " + abbreviate(body), () -> client.postJson("/api/predictions", body)));
		}

		byte[] png = MnistSamples.png(MnistSamples.image(0));
		byte[] random = new byte[5000];
		new Random(7).nextBytes(random);
		byte[] corrupted = png.clone();
		for (int i = 50; i < corrupted.length - 16; i += 5) {
			corrupted[i] ^= 0x33;
		}
		cases.add(upload(client, "a part not named image", "file", List.of(png)));
		cases.add(upload(client, "an empty file", "image", List.of(new byte[0])));
		cases.add(upload(client, "HTML named .png", "image", List.of("<html><body>7</body></html>".getBytes(StandardCharsets.UTF_8))));
		cases.add(upload(client, "SVG", "image", List.of("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8))));
		cases.add(upload(client, "random bytes", "image", List.of(random)));
		cases.add(upload(client, "a truncated PNG", "image", List.of(Arrays.copyOf(png, png.length / 2))));
		cases.add(upload(client, "a corrupted PNG", "image", List.of(corrupted)));
		cases.add(upload(client, "a 20x20 PNG", "image", List.of(MnistSamples.png(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY)))));
		cases.add(upload(client, "a blank white PNG", "image", List.of(MnistSamples.png(blank()))));
		cases.add(upload(client, "a 3 MB file", "image", List.of(new byte[3 * 1024 * 1024])));
		cases.add(upload(client, "65 images", "image", Collections.nCopies(65, png)));
		cases.add(upload(client, "a huge image header", "image", List.of(hugePngHeader())));
		cases.add(new Case("POST /api/predictions as text/plain", () -> client.post("/api/predictions", "text/plain", png)));

		for (String path : List.of("/api/jobs/job-zzzzzzzzzzzz", "/api/jobs/..%2F..%2Fetc%2Fpasswd", "/api/jobs/job-000000000000",
				"/api/jobs/job-000000000000/loss", "/api/models/model-..%2F..%2Fvar", "/api/models/%2e%2e",
				"/api/models/model-000000000000/file", "/api/jobs?page=-1", "/api/jobs?size=100000", "/api/jobs?size=abc",
				"/api/predictions")) {
			cases.add(new Case("GET " + path, () -> client.get(path)));
		}
		cases.add(new Case("DELETE a malformed model id", () -> client.delete("/api/models/..%2F..%2Factive-model.json")));
		cases.add(new Case("PUT /api/models/active with a path", () -> client.putJson("/api/models/active",
				"{\"modelId\": \"../../etc/passwd\"}")));
		cases.add(new Case("PUT /api/models/active with no id", () -> client.putJson("/api/models/active", "{\"modelId\": \"\"}")));
		return cases;
	}

	private static Case upload(DigitsClient client, String name, String part, List<byte[]> files) {
		return new Case("upload " + name, () -> client.upload("/api/predictions", part, files));
	}

	private static String nested(int depth) {
		return "{\"hiddenLayers\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
	}

	private static String abbreviate(String body) {
		return body.length() <= 60 ? body : body.substring(0, 57) + "...";
	}

	private static BufferedImage blank() {
		BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 64, 64);
		g.dispose();
		return image;
	}

	private static byte[] hugePngHeader() {
		BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		byte[] png = MnistSamples.png(small);
		// IHDR's width and height are bytes 16..23; the CRC no longer matches, the header is read first anyway
		byte[] huge = png.clone();
		huge[16] = 0;
		huge[17] = 0;
		huge[18] = 0x75;
		huge[19] = 0x30;
		huge[20] = 0;
		huge[21] = 0;
		huge[22] = 0x75;
		huge[23] = 0x30;
		return huge;
	}


}

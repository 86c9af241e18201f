package io.digits.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.CONTENT_TOO_LARGE;
import static org.springframework.http.HttpStatus.METHOD_NOT_ALLOWED;
import static org.springframework.http.HttpStatus.NOT_FOUND;
import static org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE;

/**
 * A corpus of bad requests, each answered with the one 4xx problem its fault calls for (docs/api.md, Errors); the
 * server goes on answering good ones.
 */
@DigitsServerTest
class HostileInputTests {

	@LocalServerPort
	int port;

	/** A bad request and the status that names its fault. */
	private record Case(String name, HttpStatus status, Supplier<DigitsClient.Response> request) {
	}

	@TestFactory
	Stream<DynamicTest> everyHostileRequestGetsTheProblemOfItsOwnStatus() {
		List<Case> corpus = corpus(new DigitsClient(port), port);
		assertThat(corpus.size()).isGreaterThanOrEqualTo(40);
		return corpus.stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.status(), () -> {
			DigitsClient.Response response = c.request().get();
			String answer = c.name() + " answered " + response.body();
			assertThat(response.status()).as(answer).isEqualTo(c.status().value());
			assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem.get("status").asInt()).isEqualTo(c.status().value());
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
		}));
	}

	@Test
	void afterTheCorpusTheServerStillTrainsAndPredicts() {
		DigitsClient client = new DigitsClient(port);
		for (Case c : corpus(client, port)) {
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

	private static List<Case> corpus(DigitsClient client, int port) {
		List<Case> cases = new ArrayList<>();
		// malformed JSON, wrong types, unknown fields, values out of range, a job over the budget: all 400
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
			cases.add(new Case("POST /api/jobs " + abbreviate(body), BAD_REQUEST, () -> client.postJson("/api/jobs", body)));
		}
		// a body is required ({} for every default); nulls and values of another type are refused, never coerced
		for (String body : List.of("", "null", "{\"epochs\": null}", "{\"epochs\": \"1\"}", "{\"learningRate\": \"0.01\"}",
				"{\"activate\": 1}", "{\"activation\": \"relu\\u0000\"}", "{\"activation\": \" relu\"}")) {
			cases.add(new Case("POST /api/jobs " + abbreviate(body), BAD_REQUEST, () -> client.postJson("/api/jobs", body)));
		}
		// 600 KB of layers: refused for its size, and quoted back abbreviated
		cases.add(new Case("POST /api/jobs with 600 KB of hiddenLayers", BAD_REQUEST,
				() -> client.postJson("/api/jobs", "{\"hiddenLayers\": [" + "1,".repeat(300_000) + "1]}")));
		// refused by the body limit (digits.web.max-body-size, 1MB) while it is read, before any parsing
		cases.add(new Case("POST /api/jobs with 2 MB of JSON", CONTENT_TOO_LARGE,
				() -> client.postJson("/api/jobs", "{\"hiddenLayers\": [" + "1,".repeat(1_000_000) + "1]}")));
		cases.add(new Case("POST /api/jobs as text/plain", UNSUPPORTED_MEDIA_TYPE,
				() -> client.post("/api/jobs", "text/plain", "epochs=1".getBytes())));
		cases.add(new Case("DELETE /api/jobs", METHOD_NOT_ALLOWED, () -> client.delete("/api/jobs")));

		// pixels checked before any model is looked for: 400, whether a model is active or not
		String good = Arrays.toString(MnistSamples.pixels(0));
		for (String body : List.of("{\"pixels\": [1, 2, 3]}", "{\"pixels\": " + good.replace("[0, ", "[") + "}",
				"{\"pixels\": " + good.replace("[0, ", "[-1, ") + "}", "{\"pixels\": " + good.replace("[0, ", "[256, ") + "}",
				"{\"pixels\": " + good.replace("[0, ", "[null, ") + "}", "{\"pixels\": " + good.replace("[0, ", "[\"x\", ") + "}",
				"{\"pixels\": " + good.replace("[0, ", "[Infinity, ") + "}", "{\"images\": []}",
				"{\"images\": [" + String.join(",", Collections.nCopies(65, good)) + "]}",
				"{\"images\": [" + good + ", [1]]}", "{\"pixels\": " + good + ", \"scale\": \"percent\"}",
				"{\"pixels\": " + good + ", \"images\": [" + good + "]}", "{}", "{\"pixels\": " + good + ", \"scale\": \"unit\"}")) {
			cases.add(new Case("POST /api/predictions " + abbreviate(body), BAD_REQUEST,
					() -> client.postJson("/api/predictions", body)));
		}

		byte[] png = MnistSamples.png(MnistSamples.image(0));
		byte[] random = new byte[5000];
		new Random(7).nextBytes(random);
		byte[] corrupted = png.clone();
		for (int i = 50; i < corrupted.length - 16; i += 5) {
			corrupted[i] ^= 0x33;
		}
		// Spring's own: the required part is missing
		cases.add(upload(client, "a part not named image", "file", BAD_REQUEST, List.of(png)));
		cases.add(upload(client, "an empty file", "image", BAD_REQUEST, List.of(new byte[0])));
		// not one of the formats offered, whatever the file is called: 415
		cases.add(upload(client, "HTML named .png", "image", UNSUPPORTED_MEDIA_TYPE,
				List.of("<html><body>7</body></html>".getBytes(StandardCharsets.UTF_8))));
		cases.add(upload(client, "SVG", "image", UNSUPPORTED_MEDIA_TYPE,
				List.of("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8))));
		cases.add(upload(client, "random bytes", "image", UNSUPPORTED_MEDIA_TYPE, List.of(random)));
		// a PNG, so a format offered, that cannot be read: 400
		cases.add(upload(client, "a truncated PNG", "image", BAD_REQUEST, List.of(Arrays.copyOf(png, png.length / 2))));
		cases.add(upload(client, "a corrupted PNG", "image", BAD_REQUEST, List.of(corrupted)));
		cases.add(upload(client, "a 20x20 PNG", "image", BAD_REQUEST,
				List.of(MnistSamples.png(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY)))));
		cases.add(upload(client, "a blank white PNG", "image", BAD_REQUEST, List.of(MnistSamples.png(blank()))));
		// over spring.servlet.multipart.max-file-size (2MB)
		cases.add(upload(client, "a 3 MB file", "image", CONTENT_TOO_LARGE, List.of(new byte[3 * 1024 * 1024])));
		// one over digits.inference.max-images-per-request, as for JSON images: the count is the fault, not the size
		cases.add(upload(client, "65 images", "image", BAD_REQUEST, Collections.nCopies(65, png)));
		// a side over digits.inference.max-image-side, read from the header: 413, as documented, though the file is small
		cases.add(upload(client, "a huge image header", "image", CONTENT_TOO_LARGE, List.of(hugePngHeader())));
		cases.add(new Case("POST /api/predictions as text/plain", UNSUPPORTED_MEDIA_TYPE,
				() -> client.post("/api/predictions", "text/plain", png)));
		// multipart bodies Tomcat cannot parse: the upload is at fault, 400
		String boundary = "b".repeat(5000);
		for (String[] malformed : List.of(
				new String[] { "a part without its blank line", "xyz",
						"--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nabc\r\n--xyz--\r\n" },
				new String[] { "no boundary", null, "hello" },
				new String[] { "a 5000-character boundary", boundary, "--" + boundary
						+ "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nabc\r\n--" + boundary + "--\r\n" },
				new String[] { "a NUL in the file name", "xyz",
						"--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a\0.png\"\r\n\r\nabc\r\n--xyz--\r\n" })) {
			String contentType = "multipart/form-data" + (malformed[1] == null ? "" : "; boundary=" + malformed[1]);
			cases.add(new Case("upload with " + malformed[0], BAD_REQUEST, () -> client.post("/api/predictions", contentType,
					malformed[2].getBytes(StandardCharsets.ISO_8859_1))));
		}

		// ids that are not well formed are unknown too: 404, never a path outside the store
		for (String path : List.of("/api/jobs/job-zzzzzzzzzzzz", "/api/jobs/..%2F..%2Fetc%2Fpasswd", "/api/jobs/job-000000000000",
				"/api/jobs/job-000000000000/loss", "/api/models/model-..%2F..%2Fvar", "/api/models/%2e%2e",
				"/api/models/model-000000000000/file")) {
			cases.add(new Case("GET " + path, NOT_FOUND, () -> client.get(path)));
		}
		for (String path : List.of("/api/jobs?page=-1", "/api/jobs?size=100000", "/api/jobs?size=abc")) {
			cases.add(new Case("GET " + path, BAD_REQUEST, () -> client.get(path)));
		}
		cases.add(new Case("GET /api/predictions", METHOD_NOT_ALLOWED, () -> client.get("/api/predictions")));
		// refused by Tomcat itself or forwarded to /error: a problem too, never HTML nor Boot's {"timestamp", ...}
		cases.add(new Case("TRACE /api/jobs", METHOD_NOT_ALLOWED, () -> raw(port, "TRACE /api/jobs HTTP/1.0")));
		cases.add(new Case("GET /error", NOT_FOUND, () -> client.get("/error")));
		cases.add(new Case("GET /api/jobs/%00", BAD_REQUEST, () -> raw(port, "GET /api/jobs/%00 HTTP/1.0")));
		cases.add(new Case("GET /api/jobs\\x", BAD_REQUEST, () -> raw(port, "GET /api/jobs\\x HTTP/1.0")));
		cases.add(new Case("DELETE a malformed model id", NOT_FOUND,
				() -> client.delete("/api/models/..%2F..%2Factive-model.json")));
		// naming a model that does not exist: 404, as for any unknown model (docs/api.md)
		cases.add(new Case("PUT /api/models/active with a path", NOT_FOUND,
				() -> client.putJson("/api/models/active", "{\"modelId\": \"../../etc/passwd\"}")));
		cases.add(new Case("PUT /api/models/active with no id", BAD_REQUEST,
				() -> client.putJson("/api/models/active", "{\"modelId\": \"\"}")));
		return cases;
	}

	private static Case upload(DigitsClient client, String name, String part, HttpStatus status, List<byte[]> files) {
		return new Case("upload " + name, status, () -> client.upload("/api/predictions", part, files));
	}

	/** A request Java's HTTP client will not send (TRACE, a backslash in the path), over a socket; HTTP/1.0, so unchunked. */
	private static DigitsClient.Response raw(int port, String requestLine) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((requestLine + "\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int headEnd = answer.indexOf("\r\n\r\n");
			String head = answer.substring(0, headEnd);
			String contentType = head.lines()
				.filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
				.map(line -> line.substring(13).trim())
				.findFirst()
				.orElse("");
			return new DigitsClient.Response(Integer.parseInt(head.substring(9, 12)), contentType,
					answer.substring(headEnd + 4), HttpHeaders.of(Map.of(), (name, value) -> true));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

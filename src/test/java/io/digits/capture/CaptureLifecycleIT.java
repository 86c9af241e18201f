package io.digits.capture;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import io.digits.DigitsApplication;
import io.digits.data.ExtraTrainingImages;
import io.digits.support.DigitsClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures over real HTTP, on the embedded store: every answer kept at a rate of 1 has its predictionId, labels given
 * with the token come back in lists, zips and training's view, and all of it outlives a restart; in both modes.
 */
@SlowTest
class CaptureLifecycleIT {

	private static final int PREDICTIONS = 50, LABELLED = 10;

	@TempDir
	Path store;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void capturedAnswersAreListedLabelledExportedAndOutliveARestart() throws Exception {
		List<String> predictionIds = new ArrayList<>();
		Map<String, Integer> labels = new LinkedHashMap<>();
		String jsonCapture;
		try (ConfigurableApplicationContext server = start("1")) {
			DigitsClient client = client(server);
			String model = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1}");
			for (int i = 0; i < PREDICTIONS; i++) {
				DigitsClient.Response answer = i % 2 == 0
						? client.upload("/api/predictions", "image", List.of(MnistSamples.png(MnistSamples.image(i))))
						: client.postJson("/api/predictions", "{\"pixels\": " + Arrays.toString(MnistSamples.pixels(i)) + "}");
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				assertThat(answer.json().get("modelId").asString()).isEqualTo(model);
				predictionIds.add(answer.json().get("predictions").get(0).get("predictionId").asString());
			}
			assertThat(new HashSet<>(predictionIds)).hasSize(PREDICTIONS);
			assertThat(ids(client.get("/api/captures?size=200").json())).containsExactlyInAnyOrderElementsOf(predictionIds);
			JsonNode one = client.get("/api/captures/" + predictionIds.get(0)).json();
			assertThat(one.get("modelId").asString()).isEqualTo(model);
			assertThat(one.get("dataset").asString()).isEqualTo("mnist");
			assertThat(one.get("label").isNull()).isTrue();

			// the input the network got, kept as MNIST's own bytes: JSON pixels come back exactly
			jsonCapture = predictionIds.get(1);
			assertThat(grayOf(bytes(client, server, "/api/captures/" + jsonCapture + "/image.png", "image/png")))
				.containsExactly(MnistSamples.pixels(1));

			DigitsClient anonymous = new DigitsClient(port(server), null);
			assertThat(anonymous.postJson("/api/captures/" + jsonCapture + "/label", "{\"digit\": 4}").status()).isEqualTo(401);
			assertThat(anonymous.delete("/api/captures/" + jsonCapture).status()).isEqualTo(401);
			assertThat(anonymous.delete("/api/captures").status()).isEqualTo(401);
			assertThat(client.postJson("/api/captures/" + jsonCapture + "/label", "{\"digit\": 10}").status()).isEqualTo(400);
			assertThat(client.postJson("/api/captures/capture-000000000000/label", "{\"digit\": 4}").status()).isEqualTo(404);
			assertThat(client.get("/api/captures/..%2f..%2fapi-token").status()).isIn(400, 404);
			assertThat(client.get("/api/captures?size=201").json().get("field").asString()).isEqualTo("size");

			for (int i = 0; i < LABELLED; i++) {
				String id = predictionIds.get(i * 3);
				DigitsClient.Response labelled = client.postJson("/api/captures/" + id + "/label",
						"{\"digit\": " + MnistSamples.label(i * 3) + "}");
				assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
				labels.put(id, MnistSamples.label(i * 3));
			}
			assertLabelled(client, server, labels);
			assertThat(server.getBean(ExtraTrainingImages.class).labelled("mnist", 100).ids())
				.containsExactlyInAnyOrderElementsOf(labels.keySet());
		}

		// capture off: the same store keeps what it had, and answers carry no predictionId
		try (ConfigurableApplicationContext server = start("0")) {
			DigitsClient client = client(server);
			assertThat(ids(client.get("/api/captures?size=200").json())).containsExactlyInAnyOrderElementsOf(predictionIds);
			assertLabelled(client, server, labels);
			assertThat(grayOf(bytes(client, server, "/api/captures/" + jsonCapture + "/image.png", "image/png")))
				.containsExactly(MnistSamples.pixels(1));
			JsonNode answer = client.upload("/api/predictions", "image", List.of(MnistSamples.png(MnistSamples.image(0))))
				.json()
				.get("predictions")
				.get(0);
			assertThat(answer.has("predictionId")).isFalse();

			assertThat(client.delete("/api/captures/" + predictionIds.get(0)).status()).isEqualTo(204);
			assertThat(client.get("/api/captures/" + predictionIds.get(0)).status()).isEqualTo(404);
			assertThat(client.delete("/api/captures").json().get("deleted").asInt()).isEqualTo(PREDICTIONS - 1);
			assertThat(client.get("/api/captures").json().size()).isZero();
		}
	}

	/** The shared mode wires the PostgreSQL store (V5 migrated at start), and a second replica's start finds its rows. */
	@Test
	void inTheSharedModeCapturesAreRowsThatOutliveARestart() {
		try (TestDatabase.Schema schema = TestDatabase.freshSchema()) {
			String id;
			try (ConfigurableApplicationContext server = start("1", schema.serviceArguments())) {
				assertThat(server.getBean(CaptureStore.class)).isInstanceOf(JdbcCaptureStore.class);
				float[] input = new float[784];
				Arrays.fill(input, 0.5f);
				id = server.getBean(CaptureService.class)
					.offer(new CapturedAnswer("model-0123456789ab", "mnist", input, 3, 0.4f, List.of("low-confidence")))
					.orElseThrow();
				DigitsClient client = client(server);
				assertThat(client.postJson("/api/captures/" + id + "/label", "{\"digit\": 8}").status()).isEqualTo(200);
			}
			try (ConfigurableApplicationContext server = start("0", schema.serviceArguments())) {
				DigitsClient client = client(server);
				JsonNode listed = client.get("/api/captures?lowConfidence=true&labelled=true&model=model-0123456789ab").json();
				assertThat(ids(listed)).containsExactly(id);
				assertThat(listed.get(0).get("label").asInt()).isEqualTo(8);
				assertThat(server.getBean(ExtraTrainingImages.class).labelled("mnist", 10).labels()).containsExactly(8);
				assertThat(client.delete("/api/captures").json().get("deleted").asInt()).isEqualTo(1);
			}
		}
	}

	private void assertLabelled(DigitsClient client, ConfigurableApplicationContext server, Map<String, Integer> labels)
			throws Exception {
		JsonNode labelled = client.get("/api/captures?labelled=true&size=200").json();
		assertThat(ids(labelled)).containsExactlyInAnyOrderElementsOf(labels.keySet());
		for (JsonNode capture : labelled) {
			assertThat(capture.get("label").asInt()).isEqualTo(labels.get(capture.get("id").asString()));
		}
		assertThat(client.get("/api/captures?labelled=false&size=200").json().size()).isEqualTo(PREDICTIONS - LABELLED);

		Map<String, byte[]> zip = unzip(bytes(client, server, "/api/captures?labelled=true&size=200", "application/zip"));
		assertThat(zip.keySet()).filteredOn(name -> name.endsWith(".png")).hasSize(LABELLED);
		List<String> rows = new String(zip.get("labels.csv"), StandardCharsets.UTF_8).lines().skip(1).toList();
		assertThat(rows).hasSize(LABELLED);
		assertThat(rows.stream().collect(Collectors.toMap(row -> row.split(",")[1], row -> Integer.parseInt(row.split(",")[2]))))
			.isEqualTo(labels);
	}

	private byte[] bytes(DigitsClient client, ConfigurableApplicationContext server, String path, String accept)
			throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(server) + path))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(accept);
		return response.body();
	}

	private static int[] grayOf(byte[] png) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		return image.getRaster().getPixels(0, 0, 28, 28, (int[]) null);
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	private static Set<String> ids(JsonNode captures) {
		return StreamSupport.stream(captures.spliterator(), false).map(capture -> capture.get("id").asString())
			.collect(Collectors.toSet());
	}

	private ConfigurableApplicationContext start(String samplingRate, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--digits.store.dir=" + store,
				"--digits.bootstrap.enabled=false", "--digits.data.dir=" + MnistSamples.dataDir().toAbsolutePath(),
				"--digits.auth.token=" + DigitsClient.TEST_TOKEN, "--digits.capture.sampling-rate=" + samplingRate));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(DigitsApplication.class).run(arguments.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext server) {
		return ((WebServerApplicationContext) server).getWebServer().getPort();
	}

	private static DigitsClient client(ConfigurableApplicationContext server) {
		return new DigitsClient(port(server));
	}

}

package io.digits.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.digits.DigitsApplication;
import io.digits.support.DigitsClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Models outlive the process: a second server on the same store finds them and the active one. */
@SlowTest
class ModelLifecycleTests {

	@TempDir
	Path store;

	@Test
	void modelsAndTheActiveModelSurviveARestart() throws Exception {
		String first, second;
		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			first = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1}");
			second = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"seed\": 9}");
			// the first model ever trained became active; the second did not, as it did not ask to
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(first);
		}
		assertThat(Files.list(store.resolve("models")).filter(dir -> dir.getFileName().toString().startsWith("."))).isEmpty();

		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			JsonNode models = client.get("/api/models").json();
			assertThat(models.size()).isEqualTo(2);
			assertThat(models.get(0).get("id").asString()).isEqualTo(second);
			assertThat(models.get(1).get("active").asBoolean()).isTrue();
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(first);
			DigitsClient.Response prediction = client.upload("/api/predictions", "image",
					List.of(MnistSamples.png(MnistSamples.image(0))));
			assertThat(prediction.json().get("modelId").asString()).isEqualTo(first);

			assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + second + "\"}").status()).isEqualTo(200);
		}

		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(second);

			DigitsClient.Response refused = client.delete("/api/models/" + second);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.json().get("detail").asString()).contains("active model");
			assertThat(client.delete("/api/models/" + first).status()).isEqualTo(204);
			assertThat(client.get("/api/models/" + first).status()).isEqualTo(404);
			assertThat(client.get("/api/models").json().size()).isEqualTo(1);
			assertThat(store.resolve("models").resolve(first)).doesNotExist();
		}
	}

	@Test
	void aDamagedModelFileIsReportedAndNeverUsedNorActive() throws Exception {
		String first, second;
		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			first = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1}");
			second = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1, \"seed\": 3}");
		}
		Path secondFile = store.resolve("models").resolve(second).resolve("model.zip");
		byte[] bytes = Files.readAllBytes(secondFile);
		bytes[bytes.length / 2] ^= 0x01;
		Files.write(secondFile, bytes);

		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			JsonNode damaged = client.get("/api/models/" + second).json();
			assertThat(damaged.get("usable").asBoolean()).isFalse();
			assertThat(damaged.get("problem").asString()).contains("corrupted");
			DigitsClient.Response refused = client.upload("/api/predictions?model=" + second, "image",
					List.of(MnistSamples.png(MnistSamples.image(0))));
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.json().get("detail").asString()).contains("unusable");
			assertThat(client.get("/api/models/" + first).json().get("usable").asBoolean()).isTrue();
			assertThat(client.upload("/api/predictions", "image", List.of(MnistSamples.png(MnistSamples.image(0))))
				.json().get("modelId").asString()).isEqualTo(first);
		}

		Path firstFile = store.resolve("models").resolve(first).resolve("model.zip");
		Files.write(firstFile, Arrays.copyOf(Files.readAllBytes(firstFile), 1000));
		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			assertThat(client.get("/api/models/active").status()).isEqualTo(503);
			assertThat(client.get("/api/models/" + first).json().get("problem").asString()).contains("bytes");
			assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + second + "\"}").status()).isEqualTo(409);
			assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(503);
			assertThat(client.delete("/api/models/" + second).status()).isEqualTo(204);
		}
	}

	@Test
	void aModelFileCanBeDownloadedAndAnActivatedModelAnswers() throws Exception {
		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = client(server);
			String first = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1}");
			String second = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1, \"seed\": 5, \"activate\": true}");
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(second);

			DigitsClient.Response file = client.get("/api/models/" + first + "/file");
			assertThat(file.status()).isEqualTo(200);
			assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains(first + ".zip");
			assertThat(Files.size(store.resolve("models").resolve(first).resolve("model.zip")))
				.isEqualTo(client.get("/api/models/" + first).json().get("fileBytes").asLong());

			assertThat(client.putJson("/api/models/active", "{\"modelId\": \"model-000000000000\"}").status()).isEqualTo(404);
			assertThat(client.putJson("/api/models/active", "{}").status()).isEqualTo(400);

			JsonNode readiness = client.get("/actuator/health/readiness").json();
			assertThat(readiness.get("status").asString()).isEqualTo("UP");
			assertThat(readiness.get("components").get("digits").get("details").get("activeModel").asString()).isEqualTo(second);
			JsonNode info = client.get("/actuator/info").json();
			assertThat(info.get("activeModel").get("id").asString()).isEqualTo(second);
			assertThat(info.get("activeModel").get("testAccuracy").asDouble()).isBetween(0.1, 1.0);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(DigitsApplication.class).run("--server.port=0",
				"--digits.store.dir=" + store, "--digits.bootstrap.enabled=false",
				"--digits.data.dir=" + MnistSamples.dataDir().toAbsolutePath(), "--digits.auth.token=" + DigitsClient.TEST_TOKEN);
	}

	private static DigitsClient client(ConfigurableApplicationContext server) {
		return new DigitsClient(((WebServerApplicationContext) server).getWebServer().getPort());
	}


}

package io.digits.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

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

/**
 * A store that cannot take a write is answered with a problem that names it, and nothing is accepted and then lost.
 * Real failures of the file system, with no root tricks (the tests may run as root, where a read-only mode does not
 * stop writes): a full disk is {@code /dev/full} in place of a temporary file (ENOSPC), a store that cannot be
 * written is a regular file where a directory must be (ENOTDIR).
 */
@SlowTest
class FullStoreTests {

	@TempDir
	Path store;

	@Test
	void aStoreThatCannotBeWrittenRefusesJobsActivationsAndDeletionsWithAProblem() throws Exception {
		try (ConfigurableApplicationContext server = start()) {
			DigitsClient client = new DigitsClient(((WebServerApplicationContext) server).getWebServer().getPort());
			String first = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1, \"hiddenLayers\": [16]}");
			String second = client.trainModel("{\"trainLimit\": 2000, \"epochs\": 1, \"hiddenLayers\": [16], \"seed\": 7}");
			int jobs = client.get("/api/jobs").json().size();

			// a full disk under the active-model pointer
			Files.createSymbolicLink(store.resolve("active-model.json.tmp"), Paths.get("/dev/full"));
			DigitsClient.Response activation = client.putJson("/api/models/active", "{\"modelId\": \"" + second + "\"}");
			assertProblem(activation, 507, "Store full", "Model " + second + " was not made active: the store (digits.store.dir) is full.");
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(first);
			assertThat(leftovers(store)).isEmpty();

			// a jobs directory that cannot hold a job
			Path jobsDir = store.resolve("jobs");
			Path jobsAway = store.resolve("jobs-away");
			Files.move(jobsDir, jobsAway);
			Files.writeString(jobsDir, "not a directory");
			DigitsClient.Response submit = client.postJson("/api/jobs", "{\"trainLimit\": 2000, \"epochs\": 1}");
			assertProblem(submit, 503, "Store not writable",
					"The job was not queued: the store (digits.store.dir) cannot be written (Not a directory).");
			assertThat(submit.headers().firstValue("Retry-After")).hasValue("60");
			assertThat(client.get("/api/jobs").json().size()).isEqualTo(jobs);
			JsonNode readiness = client.get("/actuator/health/readiness").json();
			assertThat(readiness.get("status").asString()).isEqualTo("DOWN");
			assertThat(readiness.get("components").get("store").get("details").get("error").asString())
				.isEqualTo("its jobs/ directory (digits.store.dir) cannot be written: Not a directory");
			assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
			Files.delete(jobsDir);
			Files.move(jobsAway, jobsDir);
			assertThat(client.get("/actuator/health/readiness").json().get("components").get("store").get("status")
				.asString()).isEqualTo("UP");

			// a model whose directory cannot be taken out of the store
			Path blocker = store.resolve("models").resolve(".deleted-" + second);
			Files.writeString(blocker, "in the way");
			assertProblem(client.delete("/api/models/" + second), 503, "Store not writable",
					"Model " + second + " was not deleted: the store (digits.store.dir) cannot be written");
			assertThat(client.get("/api/models/" + second).json().get("usable").asBoolean()).isTrue();
			assertThat(client.upload("/api/predictions?model=" + second, "image",
					java.util.List.of(MnistSamples.png(MnistSamples.image(0)))).status()).isEqualTo(200);
			Files.delete(blocker);
			assertThat(client.delete("/api/models/" + second).status()).isEqualTo(204);
		}
	}

	private static void assertProblem(DigitsClient.Response response, int status, String title, String detail) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.json().get("title").asString()).isEqualTo(title);
		assertThat(response.json().get("detail").asString()).startsWith(detail);
	}

	private static java.util.List<Path> leftovers(Path dir) throws Exception {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(DigitsApplication.class).run("--server.port=0",
				"--digits.store.dir=" + store, "--digits.bootstrap.enabled=false",
				"--digits.data.dir=" + MnistSamples.dataDir().toAbsolutePath(), "--digits.auth.token=" + DigitsClient.TEST_TOKEN);
	}

}

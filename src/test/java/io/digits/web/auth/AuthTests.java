package io.digits.web.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.digits.DigitsApplication;
import io.digits.support.DigitsClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what: each rule with no token, a wrong token and the right one. */
@SlowTest
class AuthTests {

	private static final String JOB = "{\"trainLimit\": 500, \"epochs\": 1}";

	private static final String INFERENCE = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 784], \"datatype\": "
			+ "\"UINT8\", \"data\": [" + "0,".repeat(783) + "0]}]}";

	@TempDir
	Path store;

	@Test
	void changesNeedTheTokenWhileReadsAndPredictionsAreOpen() {
		try (ConfigurableApplicationContext server = start("--digits.auth.token=s3cret")) {
			DigitsClient anonymous = client(server, null), wrong = client(server, "guess"), owner = client(server, "s3cret");

			DigitsClient.Response refused = anonymous.postJson("/api/jobs", JOB);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"digits\"");
			assertThat(refused.json().get("detail").asString()).startsWith("POST /api/jobs needs the API token")
				.contains("Authorization: Bearer");
			DigitsClient.Response forbidden = wrong.postJson("/api/jobs", JOB);
			assertThat(forbidden.status()).isEqualTo(403);
			assertThat(forbidden.contentType()).startsWith("application/problem+json");

			String job = owner.postJson("/api/jobs", JOB).json().get("id").asString();
			String model = owner.awaitJob(job, java.time.Duration.ofMinutes(1)).get("modelId").asString();
			assertChangesAreRefused(anonymous, 401, job, model);
			assertChangesAreRefused(wrong, 403, job, model);
			assertThat(owner.putJson("/api/models/active", "{\"modelId\": \"" + model + "\"}").status()).isEqualTo(200);

			assertThat(anonymous.get("/api/jobs").status()).isEqualTo(200);
			assertThat(anonymous.get("/api/models").status()).isEqualTo(200);
			assertThat(anonymous.get("/api/jobs/" + job + "/loss").status()).isEqualTo(200);
			assertThat(anonymous.upload("/api/predictions", "image", List.of(MnistSamples.png(MnistSamples.image(0)))).status())
				.isEqualTo(200);
			// the Open Inference Protocol: inferences are predictions, metadata reads
			assertThat(anonymous.postJson("/v2/models/digits/infer", INFERENCE).status()).isEqualTo(200);
			assertThat(anonymous.postJson("/v2/models/digits/versions/" + model + "/infer", INFERENCE).status()).isEqualTo(200);
			assertThat(anonymous.get("/v2/models/digits").status()).isEqualTo(200);
			assertThat(anonymous.get("/v2").status()).isEqualTo(200);
		}
	}

	@Test
	void readsAndPredictionsCanBeClosedWithOneProperty() {
		try (ConfigurableApplicationContext server = start("--digits.auth.token=s3cret", "--digits.auth.protect-reads=true")) {
			DigitsClient anonymous = client(server, null), wrong = client(server, "guess"), owner = client(server, "s3cret");

			assertThat(anonymous.get("/api/jobs").status()).isEqualTo(401);
			assertThat(wrong.get("/api/models").status()).isEqualTo(403);
			assertThat(anonymous.upload("/api/predictions", "image", List.of(MnistSamples.png(MnistSamples.image(0)))).status())
				.isEqualTo(401);
			assertThat(owner.get("/api/jobs").status()).isEqualTo(200);
			// probes and scrapers stay open
			assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
			assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);

			// the Open Inference Protocol's inferences and metadata close with them, in its own error form; not its probes
			DigitsClient.Response infer = anonymous.postJson("/v2/models/digits/infer", INFERENCE);
			assertThat(infer.status()).isEqualTo(401);
			assertThat(infer.contentType()).startsWith("application/json");
			assertThat(infer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"digits\"");
			assertThat(infer.json().get("error").asString()).startsWith("POST /v2/models/digits/infer needs the API token");
			assertThat(wrong.postJson("/v2/models/digits/versions/model-000000000000/infer", INFERENCE).status())
				.isEqualTo(403);
			assertThat(anonymous.get("/v2/models/digits").status()).isEqualTo(401);
			assertThat(anonymous.get("/v2").status()).isEqualTo(401);
			assertThat(owner.get("/v2/models/digits").status()).isEqualTo(200);
			assertThat(anonymous.get("/v2/health/live").status()).isEqualTo(200);
			// no model here: not ready, and said so rather than refused
			assertThat(anonymous.get("/v2/health/ready").json().get("ready").asBoolean()).isFalse();
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void withoutAConfiguredTokenOneIsGeneratedInTheStoreForItsOwnerOnlyAndNotLogged(CapturedOutput output)
			throws Exception {
		String token;
		try (ConfigurableApplicationContext server = start()) {
			Path file = store.resolve("api-token");
			assertThat(file).exists();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			token = Files.readString(file).trim();
			assertThat(token).hasSize(64);
			assertThat(output.getAll()).contains("written to " + file.toAbsolutePath()).doesNotContain(token);
			assertThat(client(server, null).postJson("/api/jobs", JOB).status()).isEqualTo(401);
			assertThat(client(server, token).postJson("/api/jobs", JOB).status()).isEqualTo(202);
		}
		try (ConfigurableApplicationContext server = start()) {
			assertThat(client(server, token).postJson("/api/jobs", JOB).status()).isEqualTo(202);
		}
	}

	@Test
	void anEmptyTokenFileIsReplacedNotTrusted() throws Exception {
		Files.writeString(store.resolve("api-token"), "\n");
		try (ConfigurableApplicationContext server = start()) {
			String token = Files.readString(store.resolve("api-token")).trim();
			assertThat(token).hasSize(64);
			// 'Bearer ' with nothing after it carries no token (trailing whitespace is no part of a header value): 401
			assertThat(client(server, "").postJson("/api/jobs", JOB).status()).isEqualTo(401);
			assertThat(client(server, token).postJson("/api/jobs", JOB).status()).isEqualTo(202);
		}
	}

	@Test
	void oneSwitchTurnsAuthOffForLocalExperiments() {
		try (ConfigurableApplicationContext server = start("--digits.auth.enabled=false")) {
			assertThat(client(server, null).postJson("/api/jobs", JOB).status()).isEqualTo(202);
			assertThat(store.resolve("api-token")).doesNotExist();
		}
	}

	/** Cancelling, activating and deleting: 401 without a token, 403 with a wrong one. */
	private static void assertChangesAreRefused(DigitsClient outsider, int status, String job, String model) {
		assertThat(outsider.postJson("/api/jobs/" + job + "/cancel", "").status()).isEqualTo(status);
		assertThat(outsider.putJson("/api/models/active", "{\"modelId\": \"" + model + "\"}").status()).isEqualTo(status);
		assertThat(outsider.delete("/api/models/" + model).status()).isEqualTo(status);
	}

	private ConfigurableApplicationContext start(String... args) {
		List<String> all = new java.util.ArrayList<>(List.of("--server.port=0", "--digits.store.dir=" + store,
				"--digits.bootstrap.enabled=false", "--digits.data.dir=" + MnistSamples.dataDir().toAbsolutePath()));
		all.addAll(List.of(args));
		if (all.stream().noneMatch(arg -> arg.startsWith("--digits.auth.token="))) {
			// a token from the environment must not leak into the test that generates one
			all.add("--digits.auth.token=");
		}
		return new SpringApplicationBuilder(DigitsApplication.class).run(all.toArray(String[]::new));
	}

	private static DigitsClient client(ConfigurableApplicationContext server, String token) {
		return new DigitsClient(((WebServerApplicationContext) server).getWebServer().getPort(), token);
	}

}

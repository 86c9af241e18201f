package io.digits.docker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.digits.support.DigitsClient;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped container: the CPU image built from the Dockerfile, started as compose.yaml starts it, trains and
 * predicts through its mapped port; Prometheus, with the shipped scrape configuration, finds its training loss.
 * Needs a Docker engine: reported as skipped where there is none.
 */
@SlowTest
@Testcontainers(disabledWithoutDocker = true)
class ContainerStackIT {

	private static final String TOKEN = "container-test-token";

	private static final Network network = Network.newNetwork();

	private static GenericContainer<?> digits;

	private static GenericContainer<?> prometheus;

	@BeforeAll
	static void startTheStack() {
		// the build context holds what the Dockerfile copies, not target/ or data/
		ImageFromDockerfile image = new ImageFromDockerfile("digits-test", false);
		for (String path : List.of("Dockerfile", "pom.xml", "scripts", "src", "docker")) {
			image.withFileFromPath(path, Path.of(path));
		}
		image.withTarget("cpu");
		digits = new GenericContainer<>(image).withNetwork(network)
			.withNetworkAliases("digits")
			.withEnv("DIGITS_API_TOKEN", TOKEN)
			.withEnv("DIGITS_BOOTSTRAP_ENABLED", "false")
			.withExposedPorts(8080)
			.waitingFor(Wait.forHttp("/actuator/health/liveness").forStatusCode(200))
			.withStartupTimeout(Duration.ofMinutes(3));
		digits.start();
		prometheus = new GenericContainer<>("prom/prometheus:v2.53.2").withNetwork(network)
			.withCopyFileToContainer(MountableFile.forHostPath("docker/prometheus/prometheus.yml"),
					"/etc/prometheus/prometheus.yml")
			.withExposedPorts(9090)
			.waitingFor(Wait.forHttp("/-/ready").forStatusCode(200));
		prometheus.start();
	}

	@AfterAll
	static void stopTheStack() {
		if (prometheus != null) {
			prometheus.stop();
		}
		if (digits != null) {
			digits.stop();
		}
		network.close();
	}

	@Test
	void theImageTrainsAModelAndClassifiesAnUploadedDigit() {
		DigitsClient client = new DigitsClient(digits.getHost(), digits.getMappedPort(8080), TOKEN);
		String modelId = client.trainModel("{\"trainLimit\": 10000, \"epochs\": 2, \"activate\": true}");

		DigitsClient.Response answer = client.upload("/api/predictions", "image",
				List.of(MnistSamples.png(MnistSamples.image(0))));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("modelId").asString()).isEqualTo(modelId);
		assertThat(answer.json().get("predictions").get(0).get("digit").asInt()).isEqualTo(MnistSamples.label(0));
	}

	@Test
	void prometheusScrapesTheTrainingLossOfARunningJob() throws Exception {
		DigitsClient client = new DigitsClient(digits.getHost(), digits.getMappedPort(8080), TOKEN);
		DigitsClient.Response submitted = client.postJson("/api/jobs", "{\"epochs\": 200}");
		assertThat(submitted.status()).isEqualTo(202);
		String job = submitted.json().get("id").asString();
		HttpClient http = HttpClient.newHttpClient();
		// this job's series only, and only once it holds a loss (it is NaN until the first iteration)
		String expression = java.net.URLEncoder.encode("digits_training_loss{job=\"%s\"} >= 0".formatted(job),
				java.nio.charset.StandardCharsets.UTF_8);
		URI query = URI.create("http://%s:%d/api/v1/query?query=%s"
			.formatted(prometheus.getHost(), prometheus.getMappedPort(9090), expression));
		try {
			JsonNode results = JsonMapper.builder().build().readTree("[]");
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (results.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(2000);
				String body = http.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString())
					.body();
				results = JsonMapper.builder().build().readTree(body).get("data").get("result");
			}
			assertThat(results.size()).as("digits_training_loss series in Prometheus").isPositive();
			assertThat(results.get(0).get("metric").get("job").asString()).isEqualTo(job);
			assertThat(results.get(0).get("value").get(1).asDouble()).isPositive();
		}
		finally {
			client.post("/api/jobs/" + job + "/cancel", "application/json", new byte[0]);
		}
	}

}

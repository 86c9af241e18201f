package io.digits.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import io.digits.support.PrometheusScrape;
import io.digits.support.PrometheusScrape.Sample;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class PrometheusTests {

	@LocalServerPort
	int port;

	@Test
	void trainingSeriesAreThereWhileAJobRunsAndTheLossFalls() throws InterruptedException {
		DigitsClient client = new DigitsClient(port);
		PrometheusScrape before = scrape(client);
		String id = client.postJson("/api/jobs", "{\"trainLimit\": 30000, \"epochs\": 3, \"batchSize\": 32}")
			.json().get("id").asString();

		List<Double> losses = new ArrayList<>();
		double lastProgress = 0;
		while (!client.get("/api/jobs/" + id).json().get("state").asString().matches("SUCCEEDED|FAILED|CANCELLED")) {
			PrometheusScrape during = scrape(client);
			List<Sample> loss = during.find("digits_training_loss", "job", id);
			if (!loss.isEmpty() && !Double.isNaN(loss.get(0).value())) {
				losses.add(loss.get(0).value());
				double progress = during.value("digits_training_progress_ratio", "job", id);
				assertThat(progress).isBetween(lastProgress, 1.0);
				lastProgress = progress;
				assertThat(during.value("digits_training_epoch", "job", id)).isBetween(1.0, 3.0);
				assertThat(during.value("digits_training_samples_per_second", "job", id)).isPositive();
				assertThat(during.value("digits_training_jobs_running")).isEqualTo(1.0);
			}
			Thread.sleep(150);
		}
		JsonNode job = client.get("/api/jobs/" + id).json();
		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");

		assertThat(losses.size()).isGreaterThanOrEqualTo(6);
		double early = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double late = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		assertThat(late).isLessThan(early);

		// the job's end is counted as it ends; a scrape may still come a moment before: wait for it, bounded
		PrometheusScrape after = scrape(client);
		for (int tries = 0; tries < 50 && after.value("digits_training_jobs_total", "state", "succeeded")
				== before.value("digits_training_jobs_total", "state", "succeeded"); tries++) {
			Thread.sleep(100);
			after = scrape(client);
		}
		assertThat(after.find("digits_training_loss", "job", id)).isEmpty();
		assertThat(after.value("digits_training_iterations_total") - before.value("digits_training_iterations_total"))
			.isGreaterThanOrEqualTo(3 * 938);
		assertThat(after.value("digits_training_samples_total") - before.value("digits_training_samples_total"))
			.isGreaterThanOrEqualTo(90_000);
		assertThat(after.value("digits_training_jobs_total", "state", "succeeded")
				- before.value("digits_training_jobs_total", "state", "succeeded")).isEqualTo(1.0);
		assertThat(after.value("digits_training_job_duration_seconds_count", "state", "succeeded")).isPositive();
		assertThat(after.value("digits_training_queue_length")).isZero();
		assertThat(after.value("digits_training_jobs_running")).isZero();
		assertThat(after.value("digits_models_stored")).isPositive();
	}

	@Test
	void predictionsAreCountedByOutcomeAndDigitWithALatencyHistogram() {
		DigitsClient client = new DigitsClient(port);
		String model = client.trainModel("{\"trainLimit\": 5000, \"epochs\": 1, \"activate\": true}");
		PrometheusScrape before = scrape(client);

		for (int i = 0; i < 10; i++) {
			client.upload("/api/predictions?model=" + model, "image",
					List.of(MnistSamples.png(MnistSamples.image(i)), MnistSamples.png(MnistSamples.image(i + 10))));
		}
		client.upload("/api/predictions", "image", List.of("not an image".getBytes()));
		client.postJson("/api/predictions", "{\"pixels\": " + Arrays.toString(MnistSamples.pixels(0)) + "}");

		PrometheusScrape after = scrape(client);
		assertThat(delta(before, after, REQUESTS, PREDICTIONS, "input", "upload", "outcome", "SUCCESS", "status",
				"200")).isEqualTo(10);
		assertThat(delta(before, after, REQUESTS, PREDICTIONS, "input", "upload", "outcome", "CLIENT_ERROR", "status",
				"415")).isEqualTo(1);
		assertThat(delta(before, after, REQUESTS, PREDICTIONS, "input", "json", "outcome", "SUCCESS")).isEqualTo(1);
		assertThat(after.value("digits_predictions_images_total", "outcome", "success")
				- before.value("digits_predictions_images_total", "outcome", "success")).isEqualTo(21);
		assertThat(after.find("digits_predictions_images_total").stream().map(s -> s.labels().get("digit")).distinct())
			.hasSize(10);

		String[] uploads = { "uri", "/api/predictions", "input", "upload", "outcome", "SUCCESS" };
		List<Sample> buckets = after.find("http_server_requests_seconds_bucket", uploads);
		assertThat(buckets.stream().map(s -> s.labels().get("le")))
			.contains("5.0E-4", "0.001", "0.005", "0.025", "2.5", "5.0", "+Inf");
		double count = after.value("http_server_requests_seconds_count", uploads);
		assertThat(count).isGreaterThanOrEqualTo(10);
		assertThat(after.value("http_server_requests_seconds_bucket", concat(uploads, "le", "+Inf"))).isEqualTo(count);
		assertThat(after.value("digits_prediction_batch_size_count")).isPositive();
		assertThat(after.has("digits_prediction_batch_size_bucket", "le", "64.0")).isTrue();
		assertThat(after.value("digits_model_active_test_accuracy_ratio")).isBetween(0.5, 1.0);
	}

	/**
	 * Boot's observation filter runs before every other filter and before multipart parsing, so requests refused
	 * before any controller (by the multipart limit, the body limit, the token filter, or for want of a handler that
	 * takes their content type) are timed too, and named with their endpoint although no handler was matched.
	 */
	@Test
	void predictionsRefusedBeforeAnyControllerAreCountedWithTheirEndpoint() {
		DigitsClient client = new DigitsClient(port);
		PrometheusScrape before = scrape(client);

		assertThat(client.upload("/api/predictions", "image", List.of(new byte[3 * 1024 * 1024])).status())
			.isEqualTo(413);
		assertThat(client.post("/api/predictions", "text/plain", "7".getBytes()).status()).isEqualTo(415);
		assertThat(client.postJson("/api/predictions", "{\"pixels\": [" + "0,".repeat(600_000) + "0]}").status())
			.isEqualTo(413);
		assertThat(new DigitsClient(port, null).postJson("/api/jobs", "{}").status()).isEqualTo(401);

		PrometheusScrape after = scrape(client);
		assertThat(delta(before, after, REQUESTS, PREDICTIONS, "input", "upload", "status", "413")).isEqualTo(1);
		assertThat(delta(before, after, REQUESTS, PREDICTIONS, "input", "other", "status", "415")).isEqualTo(1);
		assertThat(delta(before, after, REQUESTS, PREDICTIONS, "input", "json", "status", "413")).isEqualTo(1);
		assertThat(after.value(REQUESTS, "uri", "/api/jobs", "input", "json", "status", "401")
				- before.value(REQUESTS, "uri", "/api/jobs", "input", "json", "status", "401")).isEqualTo(1);
		assertThat(after.find(REQUESTS, "uri", "UNKNOWN")).isEmpty();
	}

	@Test
	void jvmProcessAndOffHeapMemoryAreExposed() {
		PrometheusScrape scrape = scrape(new DigitsClient(port));

		assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
		assertThat(scrape.has("process_cpu_usage")).isTrue();
		assertThat(scrape.value("digits_native_memory_physical_bytes")).isPositive();
		assertThat(scrape.value("digits_native_memory_offheap_estimate_bytes")).isPositive();
		assertThat(scrape.value("digits_native_memory_max_bytes")).isPositive();
	}

	@Test
	@SuppressWarnings("unchecked")
	void thePrometheusConfigTheGrafanaDashboardAndTheAlertRulesQueryOnlySeriesTheServiceExposes() throws Exception {
		Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("docker/prometheus/prometheus.yml")));
		assertThat(((Map<?, ?>) prometheus.get("global")).get("scrape_interval")).isEqualTo("5s");
		Map<?, ?> scrapeConfig = (Map<?, ?>) ((List<?>) prometheus.get("scrape_configs")).get(0);
		assertThat(scrapeConfig.get("metrics_path")).isEqualTo("/actuator/prometheus");
		Map<String, Object> datasources = new Yaml()
			.load(Files.readString(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")));
		assertThat(datasources.toString()).contains("uid=prometheus", "type=prometheus");

		DigitsClient client = new DigitsClient(port);
		String job = client.postJson("/api/jobs", "{\"trainLimit\": 20000, \"epochs\": 2, \"batchSize\": 32}").json().get("id").asString();
		Set<String> exposed = new HashSet<>();
		client.awaitState(job, "RUNNING", Duration.ofMinutes(1));
		while (!exposed.contains("digits_training_loss") && client.get("/api/jobs/" + job).json().get("state").asString().equals("RUNNING")) {
			exposed.addAll(scrape(client).names());
		}
		String model = client.awaitJob(job, Duration.ofMinutes(2)).get("modelId").asString();
		// the class shares are the active model's: exposed once it has answered
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + model + "\"}").status()).isEqualTo(200);
		client.upload("/api/predictions", "image", List.of(MnistSamples.png(MnistSamples.image(0))));
		exposed.addAll(scrape(client).names());

		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(Path.of("docker/grafana/dashboards/digits.json")));
		Pattern series = Pattern.compile("\\b((?:digits|http_server|jvm|process)_[a-z_]+)\\b");
		int queries = 0;
		for (JsonNode panel : dashboard.get("panels")) {
			if (!panel.has("targets")) {
				continue;
			}
			for (JsonNode target : panel.get("targets")) {
				assertThat(target.get("datasource").get("uid").asString()).isEqualTo("prometheus");
				Matcher names = series.matcher(target.get("expr").asString());
				while (names.find()) {
					assertThat(exposed).as(panel.get("title").asString()).contains(names.group(1));
					queries++;
				}
			}
		}
		assertThat(queries).isGreaterThanOrEqualTo(20);

		// the alert rules too (docker/prometheus/alerts.yml)
		Map<String, Object> alerts = new Yaml().load(Files.readString(Path.of("docker/prometheus/alerts.yml")));
		int alertQueries = 0;
		for (Map<?, ?> group : (List<Map<?, ?>>) alerts.get("groups")) {
			for (Map<?, ?> rule : (List<Map<?, ?>>) group.get("rules")) {
				Matcher names = series.matcher((String) rule.get("expr"));
				while (names.find()) {
					assertThat(exposed).as((String) rule.get("alert")).contains(names.group(1));
					alertQueries++;
				}
			}
		}
		assertThat(alertQueries).isGreaterThanOrEqualTo(4);
	}

	private static final String REQUESTS = "http_server_requests_seconds_count";

	private static final String[] PREDICTIONS = { "uri", "/api/predictions", "method", "POST" };

	private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String[] endpoint,
			String... labels) {
		String[] all = concat(endpoint, labels);
		return after.value(name, all) - before.value(name, all);
	}

	private static String[] concat(String[] first, String... second) {
		String[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	private static PrometheusScrape scrape(DigitsClient client) {
		DigitsClient.Response response = client.get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return PrometheusScrape.parse(response.body());
	}

}

package io.digits.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import io.digits.support.PrometheusScrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's routing over real HTTP with two real models: a seeded canary's share, a sticky canary, a shadow that
 * agrees with itself, a promotion under concurrent requests, and what the routing refuses. The seed is
 * DigitsServerTest's (digits.rollout.seed=18).
 */
@DigitsServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingApiTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	String primary;

	String canary;

	@BeforeAll
	void trainTwoModels() {
		client = new DigitsClient(port);
		primary = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"seed\": 1}");
		canary = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"seed\": 2, \"hiddenLayers\": [32]}");
	}

	@BeforeEach
	void primaryAlone() {
		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + primary + "\"}").status()).isEqualTo(200);
	}

	@Test
	void aCanaryAtTenPercentAnswersTenPercentOf2000RequestsAndIsComparedWithThePrimary() {
		route("{\"primary\": \"%s\", \"canary\": {\"modelId\": \"%s\", \"percent\": 10}}".formatted(primary, canary));
		double before = predictionsTotal(canary, "canary");

		int onCanary = 0;
		int agreed = 0;
		for (int i = 0; i < 2000; i++) {
			DigitsClient.Response answer = client.postJson("/api/predictions", pixels(i));
			String model = answer.json().get("modelId").asString();
			assertThat(answer.headers().firstValue("X-Model-Id")).contains(model);
			assertThat(answer.json().get("role").asString()).isEqualTo(model.equals(canary) ? "canary" : "primary");
			if (model.equals(canary)) {
				onCanary++;
				// what the primary says of the same image, asked by name (not counted in the report)
				JsonNode primaryAnswer = client.postJson("/api/predictions?model=" + primary, pixels(i)).json();
				agreed += digit(primaryAnswer) == digit(answer.json()) ? 1 : 0;
			}
		}

		System.out.printf("Canary at 10%%: %d of 2000 requests (%.1f%%)%n", onCanary, onCanary / 20.0);
		assertThat(onCanary).isBetween(160, 240);
		JsonNode report = awaitCompared(canary, "canary", onCanary);
		JsonNode canaryEntry = entry(report, canary, "canary");
		assertThat(canaryEntry.get("requests").asInt()).isEqualTo(onCanary);
		assertThat(entry(report, primary, "primary").get("requests").asInt()).isEqualTo(2000 - onCanary);
		assertThat(canaryEntry.get("compared").asInt()).isEqualTo(onCanary);
		assertThat(canaryEntry.get("agreement").asDouble()).isEqualTo(agreed / (double) onCanary);
		assertThat(agreed).isLessThan(onCanary);
		int disagreed = 0;
		for (JsonNode digit : canaryEntry.get("perClass")) {
			disagreed += digit.get("disagreed").asInt();
		}
		assertThat(disagreed).isEqualTo(onCanary - agreed);
		assertThat(canaryEntry.get("perClass")).hasSize(10);
		assertThat(canaryEntry.get("p95Ms").asDouble()).isGreaterThanOrEqualTo(canaryEntry.get("p50Ms").asDouble()).isPositive();
		assertThat(predictionsTotal(canary, "canary") - before).isEqualTo(onCanary);
	}

	@Test
	void aStickyCanaryKeepsEachClientOnOneModel() {
		route("{\"canary\": {\"modelId\": \"%s\", \"percent\": 50, \"stickyBy\": \"X-Client\"}}".formatted(canary));

		Set<String> seen = new java.util.HashSet<>();
		for (int client = 0; client < 20; client++) {
			Set<String> models = new java.util.HashSet<>();
			for (int request = 0; request < 10; request++) {
				models.add(this.client.postJson("/api/predictions", pixels(request), Map.of("X-Client", "client-" + client))
					.json().get("modelId").asString());
			}
			assertThat(models).as("client-%d's models", client).hasSize(1);
			seen.addAll(models);
		}
		assertThat(seen).containsExactlyInAnyOrder(primary, canary);
	}

	@Test
	void aShadowIdenticalToThePrimaryAgreesWithItAndNeverAnswers() {
		route("{\"shadow\": {\"modelId\": \"%s\", \"percent\": 100}}".formatted(primary));

		for (int i = 0; i < 200; i++) {
			JsonNode answer = client.postJson("/api/predictions", pixels(i)).json();
			assertThat(answer.get("modelId").asString()).isEqualTo(primary);
			assertThat(answer.get("role").asString()).isEqualTo("primary");
		}

		JsonNode shadow = entry(awaitCompared(primary, "shadow", 200), primary, "shadow");
		assertThat(shadow.get("agreement").asDouble()).isEqualTo(1.0);
		assertThat(shadow.get("requests").asInt()).isEqualTo(200);
		assertThat(shadow.get("dropped").asInt()).isZero();
	}

	@Test
	void promotingUnderConcurrentRequestsSwitchesAtOnceAndNoRequestFails() throws Exception {
		route("{\"canary\": {\"modelId\": \"%s\", \"percent\": 30}}".formatted(canary));
		ExecutorService clients = Executors.newFixedThreadPool(4);
		AtomicBoolean promoted = new AtomicBoolean();
		ConcurrentLinkedQueue<String> afterPromotion = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch started = new CountDownLatch(4);
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < 4; c++) {
			running.add(clients.submit(() -> {
				started.countDown();
				for (int i = 0; i < 150; i++) {
					boolean sentAfter = promoted.get();
					DigitsClient.Response answer = client.postJson("/api/predictions", pixels(i));
					if (answer.status() != 200) {
						failures.add(answer.status() + " " + answer.body());
						continue;
					}
					String model = answer.json().get("modelId").asString();
					if (!Set.of(primary, canary).contains(model) || !answer.headers().firstValue("X-Model-Id").orElse("").equals(model)) {
						failures.add("named " + model);
					}
					if (sentAfter) {
						afterPromotion.add(model);
					}
				}
			}));
		}
		started.await();
		Thread.sleep(300);
		DigitsClient.Response promotion = client.postJson("/api/models/routing/promote", "");
		promoted.set(true);
		for (Future<?> each : running) {
			each.get(2, TimeUnit.MINUTES);
		}
		clients.shutdown();

		assertThat(promotion.status()).isEqualTo(200);
		assertThat(promotion.json().get("primary").asString()).isEqualTo(canary);
		assertThat(promotion.json().has("canary")).isFalse();
		assertThat(failures).isEmpty();
		assertThat(afterPromotion).isNotEmpty().containsOnly(canary);
		assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(canary);
	}

	@Test
	void activatingAModelAloneRemovesTheCanaryAndTheShadowAndRoutedModelsCannotBeDeleted() {
		route("{\"canary\": {\"modelId\": \"%s\", \"percent\": 5}, \"shadow\": {\"modelId\": \"%s\", \"percent\": 5}}"
			.formatted(canary, canary));

		DigitsClient.Response deletion = client.delete("/api/models/" + canary);
		assertThat(deletion.status()).isEqualTo(409);
		assertThat(deletion.json().get("detail").asString()).contains("the canary");

		client.putJson("/api/models/active", "{\"modelId\": \"" + primary + "\"}");
		JsonNode routing = client.get("/api/models/routing").json();
		assertThat(routing.get("primary").asString()).isEqualTo(primary);
		assertThat(routing.has("canary")).isFalse();
		assertThat(routing.has("shadow")).isFalse();
	}

	@Test
	void hostileRoutingsAreRefusedNamingTheFieldAndChangeNothing() {
		route("{\"canary\": {\"modelId\": \"%s\", \"percent\": 10}}".formatted(canary));
		String before = client.get("/api/models/routing").body();

		refused("", 400, null);
		refused("[]", 400, null);
		refused("{\"canary\": {\"modelId\": \"%s\", \"percent\": 10}, \"extra\": 1}".formatted(canary), 400, null);
		refused("{\"primary\": \"model-000000000000\"}", 400, "primary");
		refused("{\"primary\": \"../../etc/passwd\"}", 400, "primary");
		refused("{\"canary\": {\"percent\": 10}}", 400, "canary.modelId");
		refused("{\"canary\": {\"modelId\": \"%s\"}}".formatted(canary), 400, "canary.percent");
		refused("{\"canary\": {\"modelId\": \"%s\", \"percent\": 101}}".formatted(canary), 400, "canary.percent");
		refused("{\"canary\": {\"modelId\": \"%s\", \"percent\": -1}}".formatted(canary), 400, "canary.percent");
		refused("{\"canary\": {\"modelId\": \"%s\", \"percent\": \"ten\"}}".formatted(canary), 400, null);
		refused("{\"canary\": {\"modelId\": \"%s\", \"percent\": 10}}".formatted(primary), 400, "canary.modelId");
		refused("{\"canary\": {\"modelId\": \"%s\", \"percent\": 10, \"stickyBy\": \"X Client\\r\\nEvil: 1\"}}"
			.formatted(canary), 400, "canary.stickyBy");
		refused("{\"shadow\": {\"modelId\": \"%s\", \"percent\": 1e400}}".formatted(canary), 400, null);
		refused("{\"shadow\": {\"modelId\": \"%s\"}}".formatted(canary), 400, "shadow.percent");
		DigitsClient.Response anonymous = new DigitsClient(port, null).putJson("/api/models/routing", "{}");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(new DigitsClient(port, null).postJson("/api/models/routing/promote", "").status()).isEqualTo(401);

		assertThat(client.get("/api/models/routing").body()).isEqualTo(before);
		route("{}");
		DigitsClient.Response noCanary = client.postJson("/api/models/routing/promote", "");
		assertThat(noCanary.status()).isEqualTo(409);
		assertThat(noCanary.contentType()).isEqualTo("application/problem+json");
	}

	private void refused(String body, int status, String field) {
		DigitsClient.Response answer = client.putJson("/api/models/routing", body);
		assertThat(answer.status()).as(body).isEqualTo(status);
		assertThat(answer.contentType()).as(body).isEqualTo("application/problem+json");
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at io.digits");
		if (field != null) {
			assertThat(answer.json().get("field").asString()).as(body).isEqualTo(field);
		}
	}

	private void route(String routing) {
		DigitsClient.Response answer = client.putJson("/api/models/routing", routing);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	private JsonNode awaitCompared(String model, String role, int images) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode report = null;
		while (System.nanoTime() < deadline) {
			report = client.get("/api/models/routing/report").json();
			JsonNode entry = entry(report, model, role);
			if (entry != null && entry.get("compared").asInt() + entry.get("dropped").asInt() >= images) {
				return report;
			}
			sleepBriefly();
		}
		throw new AssertionError("the " + role + " was not compared on " + images + " images: " + report);
	}

	private static int digit(JsonNode answer) {
		return answer.get("predictions").get(0).get("digit").asInt();
	}

	private static JsonNode entry(JsonNode report, String model, String role) {
		for (JsonNode entry : report.get("models")) {
			if (entry.get("modelId").asString().equals(model) && entry.get("role").asString().equals(role)) {
				return entry;
			}
		}
		return null;
	}

	private double predictionsTotal(String model, String role) {
		return PrometheusScrape.parse(client.get("/actuator/prometheus").body())
			.value("digits_predictions_total", "model", model, "role", role);
	}

	private static String pixels(int index) {
		StringJoiner joined = new StringJoiner(",", "{\"pixels\": [", "]}");
		for (int value : MnistSamples.pixels(index)) {
			joined.add(Integer.toString(value));
		}
		return joined.toString();
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.digits.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class ActivationUnderLoadTests {

	@LocalServerPort
	int port;

	@Test
	void switchingTheActiveModelWhilePredictionsRunFailsNoRequestAndEachAnswerNamesItsModel() throws Exception {
		DigitsClient client = new DigitsClient(port);
		String first = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"seed\": 1}");
		String second = client.trainModel("{\"trainLimit\": 3000, \"epochs\": 1, \"seed\": 2, \"hiddenLayers\": [32]}");
		String body = "{\"pixels\": " + Arrays.toString(io.digits.support.MnistSamples.pixels(3)) + "}";
		// what each model answers for this image, asked by name
		Map<String, double[]> expected = Map.of(first, probabilities(client.postJson("/api/predictions?model=" + first, body)),
				second, probabilities(client.postJson("/api/predictions?model=" + second, body)));
		assertThat(distance(expected.get(first), expected.get(second))).isGreaterThan(0.01);

		assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + first + "\"}").status()).isEqualTo(200);
		AtomicBoolean running = new AtomicBoolean(true);
		Map<String, Integer> answeredBy = new ConcurrentHashMap<>();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		List<Future<List<String>>> failures = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			failures.add(clients.submit(() -> {
				List<String> wrong = new ArrayList<>();
				while (running.get()) {
					DigitsClient.Response response = client.postJson("/api/predictions", body);
					if (response.status() != 200) {
						wrong.add(response.status() + " " + response.body());
						continue;
					}
					String model = response.json().get("modelId").asString();
					answeredBy.merge(model, 1, Integer::sum);
					// batched forward passes may differ in the last float bits, models differ far more
					if (distance(probabilities(response), expected.get(model)) > 1e-4) {
						wrong.add("answer of " + model + " does not match that model's: " + response.body());
					}
				}
				return wrong;
			}));
		}
		for (int switches = 0; switches < 40; switches++) {
			String model = switches % 2 == 0 ? second : first;
			assertThat(client.putJson("/api/models/active", "{\"modelId\": \"" + model + "\"}").status()).isEqualTo(200);
			Thread.sleep(25);
		}
		running.set(false);
		for (Future<List<String>> worker : failures) {
			assertThat(worker.get()).isEmpty();
		}
		clients.shutdown();
		assertThat(answeredBy.keySet()).containsExactlyInAnyOrder(first, second);
		assertThat(answeredBy.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(100);
	}


	private static double[] probabilities(DigitsClient.Response response) {
		JsonNode probabilities = response.json().get("predictions").get(0).get("probabilities");
		double[] values = new double[probabilities.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = probabilities.get(i).asDouble();
		}
		return values;
	}

	private static double distance(double[] a, double[] b) {
		double max = 0;
		for (int i = 0; i < a.length; i++) {
			max = Math.max(max, Math.abs(a[i] - b[i]));
		}
		return max;
	}

}

package io.digits.training;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comparing real jobs over real HTTP: three small MNIST jobs (2,000 images; learning rates 1e-3, 1e-2 and 3e-3, the
 * last with another network and a third epoch), each comparison checked against the jobs' own epochs, as JSON and
 * as CSV; and the id lists refused.
 */
@DigitsServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobComparisonApiTests {

	@LocalServerPort
	int port;

	DigitsClient client;

	String slow, fast, longer;

	@BeforeAll
	void trainThreeSmallJobs() {
		client = new DigitsClient(port);
		slow = submit("{\"trainLimit\": 2000, \"epochs\": 2, \"learningRate\": 0.001, \"seed\": 7}");
		fast = submit("{\"trainLimit\": 2000, \"epochs\": 2, \"learningRate\": 0.01, \"seed\": 7}");
		longer = submit("{\"trainLimit\": 2000, \"epochs\": 3, \"learningRate\": 0.003, \"hiddenLayers\": [64], "
				+ "\"seed\": 7}");
		for (String job : List.of(slow, fast, longer)) {
			assertThat(client.awaitJob(job, Duration.ofMinutes(3)).get("state").asString()).isEqualTo("SUCCEEDED");
		}
	}

	@Test
	void twoJobsAreComparedWithTheirOwnBestAndLastEpochsAndTheirOneDifference() {
		JsonNode comparison = client.get("/api/jobs/compare?ids=" + slow + "," + fast).json();

		assertThat(ids(comparison.get("jobs"))).containsExactly(slow, fast);
		for (JsonNode compared : comparison.get("jobs")) {
			assertOutcomeIsTheJobsOwn(compared);
		}
		assertThat(comparison.get("differing").propertyNames()).containsExactly("learningRate");
		assertThat(comparison.get("differing").get("learningRate").propertyNames()).containsExactly(slow, fast);
		assertThat(comparison.get("differing").get("learningRate").get(slow).asDouble()).isEqualTo(0.001);
		assertThat(comparison.get("differing").get("learningRate").get(fast).asDouble()).isEqualTo(0.01);
		JsonNode shared = comparison.get("shared");
		assertThat(shared.get("hiddenLayers")).hasToString("[128,64]");
		assertThat(shared.get("optimizer").asString()).isEqualTo("adam");
		assertThat(shared.get("batchSize").asInt()).isEqualTo(128);
		assertThat(shared.get("epochs").asInt()).isEqualTo(2);
		assertThat(shared.get("trainLimit").asInt()).isEqualTo(2000);
		assertThat(shared.has("learningRate")).isFalse();
		assertEpochRowsAreTheJobsOwn(comparison, List.of(slow, fast), 2);
	}

	@Test
	void threeJobsAreAlignedByEpochNumberAJobWithoutTheEpochAbsentFromItsRow() {
		JsonNode comparison = client.get("/api/jobs/compare?ids=" + longer + "," + slow + "," + fast).json();

		assertThat(ids(comparison.get("jobs"))).containsExactly(longer, slow, fast);
		for (JsonNode compared : comparison.get("jobs")) {
			assertOutcomeIsTheJobsOwn(compared);
		}
		JsonNode differing = comparison.get("differing");
		assertThat(differing.propertyNames()).containsExactly("hiddenLayers", "learningRate", "epochs");
		assertThat(differing.get("hiddenLayers").get(longer)).hasToString("[64]");
		assertThat(differing.get("hiddenLayers").get(slow)).hasToString("[128,64]");
		assertThat(differing.get("epochs").get(longer).asInt()).isEqualTo(3);
		assertThat(differing.get("learningRate").get(longer).asDouble()).isEqualTo(0.003);
		assertThat(comparison.get("shared").get("seed").asLong()).isEqualTo(7);
		assertThat(comparison.get("epochs").get(2).get("jobs").propertyNames()).containsExactly(longer);
		assertEpochRowsAreTheJobsOwn(comparison, List.of(longer, slow, fast), 3);
	}

	@Test
	void theEpochsAsCsvHaveAColumnPerJobAndMetricAndEmptyCellsPastAJobsLastEpoch() {
		DigitsClient.Response csv = client.getAccepting("/api/jobs/compare?ids=" + fast + "," + longer, "text/csv");

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("epoch,%1$s.trainLoss,%1$s.testLoss,%1$s.testAccuracy,"
				.formatted(fast) + "%1$s.trainLoss,%1$s.testLoss,%1$s.testAccuracy".formatted(longer));
		assertThat(lines).hasSize(4);
		JsonNode fastEpochs = client.get("/api/jobs/" + fast).json().get("epochs");
		JsonNode longerEpochs = client.get("/api/jobs/" + longer).json().get("epochs");
		List<String> second = List.of(lines.get(2).split(",", -1));
		assertThat(second.get(0)).isEqualTo("2");
		assertThat(numbers(second.subList(1, 4))).containsExactly(scores(fastEpochs.get(1)));
		assertThat(numbers(second.subList(4, 7))).containsExactly(scores(longerEpochs.get(1)));
		List<String> third = List.of(lines.get(3).split(",", -1));
		assertThat(third.subList(0, 4)).containsExactly("3", "", "", "");
		assertThat(numbers(third.subList(4, 7))).containsExactly(scores(longerEpochs.get(2)));
	}

	@Test
	void idListsOutsideTwoToTenJobIdsAre400NamingIdsAndAnUnknownJobIs404NamingIt() {
		String eleven = String.join(",", IntStream.range(0, 11).mapToObj("job-%012x"::formatted).toList());
		for (String ids : List.of(slow, eleven, slow + ",," + fast, slow + ",banana", slow + "," + slow, "")) {
			DigitsClient.Response refused = client.get("/api/jobs/compare?ids=" + ids);

			assertThat(refused.status()).as(ids).isEqualTo(400);
			assertThat(refused.contentType()).isEqualTo("application/problem+json");
			assertThat(refused.json().get("field").asString()).isEqualTo("ids");
		}
		assertThat(client.get("/api/jobs/compare?ids=" + slow).json().get("detail").asString())
			.isEqualTo("ids must be 2 to 10 job ids, comma separated (?ids=job-...,job-...), was 1");

		DigitsClient.Response unknown = client.get("/api/jobs/compare?ids=" + slow + ",job-000000000000");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).isEqualTo("application/problem+json");
		assertThat(unknown.json().get("detail").asString()).contains("job-000000000000");
	}

	private String submit(String request) {
		DigitsClient.Response accepted = client.postJson("/api/jobs", request);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json().get("id").asString();
	}

	private JsonNode job(String id) {
		return client.get("/api/jobs/" + id).json();
	}

	/** Its state, model, best epoch (the job's bestEpoch: here the lowest test loss) and last epoch, as it has them. */
	private void assertOutcomeIsTheJobsOwn(JsonNode compared) {
		JsonNode job = job(compared.get("id").asString());
		assertThat(compared.get("state").asString()).isEqualTo(job.get("state").asString());
		assertThat(compared.get("modelId").asString()).isEqualTo(job.get("modelId").asString()).startsWith("model-");
		assertThat(compared.get("sweepId").isNull()).isTrue();
		JsonNode epochs = job.get("epochs");
		JsonNode last = epochs.get(epochs.size() - 1);
		assertThat(compared.get("last").get("epoch").asInt()).isEqualTo(epochs.size());
		assertThat(scores(compared.get("last"))).containsExactly(scores(last));
		int best = job.get("bestEpoch").asInt();
		double lowestTestLoss = StreamSupport.stream(epochs.spliterator(), false)
			.mapToDouble(epoch -> epoch.get("testLoss").asDouble())
			.min()
			.orElseThrow();
		assertThat(epochs.get(best - 1).get("testLoss").asDouble()).isEqualTo(lowestTestLoss);
		assertThat(compared.get("best").get("epoch").asInt()).isEqualTo(best);
		assertThat(scores(compared.get("best"))).containsExactly(scores(epochs.get(best - 1)));
	}

	/** Every row holds, for each job that has its epoch, that job's own numbers. */
	private void assertEpochRowsAreTheJobsOwn(JsonNode comparison, List<String> ids, int lastEpoch) {
		JsonNode rows = comparison.get("epochs");
		assertThat(rows.size()).isEqualTo(lastEpoch);
		for (String id : ids) {
			JsonNode epochs = job(id).get("epochs");
			for (int epoch = 1; epoch <= lastEpoch; epoch++) {
				JsonNode row = rows.get(epoch - 1);
				assertThat(row.get("epoch").asInt()).isEqualTo(epoch);
				if (epoch <= epochs.size()) {
					assertThat(scores(row.get("jobs").get(id))).as(id + " epoch " + epoch)
						.containsExactly(scores(epochs.get(epoch - 1)));
				}
				else {
					assertThat(row.get("jobs").has(id)).as(id + " epoch " + epoch).isFalse();
				}
			}
		}
	}

	private static Double[] scores(JsonNode epoch) {
		return new Double[] { epoch.get("trainLoss").asDouble(), epoch.get("testLoss").asDouble(),
				epoch.get("testAccuracy").asDouble() };
	}

	private static List<Double> numbers(List<String> cells) {
		return cells.stream().map(Double::valueOf).toList();
	}

	private static List<String> ids(Iterable<JsonNode> jobs) {
		return StreamSupport.stream(jobs.spliterator(), false).map(job -> job.get("id").asString()).toList();
	}

}

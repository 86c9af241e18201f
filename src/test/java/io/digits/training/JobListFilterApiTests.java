package io.digits.training;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The list's filters and sorts over real HTTP, on real jobs: three small MNIST jobs with different learning rates
 * (so different accuracies), a job cancelled before its first epoch, and a tiny sweep's two trials. The server is
 * shared with other test classes, so the lists are checked for what they must hold, not for holding only these jobs.
 */
@DigitsServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobListFilterApiTests {

	private static final Set<String> FINAL_STATES = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "STOPPED_EARLY");

	@LocalServerPort
	int port;

	DigitsClient client;

	String slow, fast, longer, neverStarted, sweep;

	@BeforeAll
	void trainSmallJobsAndATinySweep() {
		client = new DigitsClient(port);
		slow = submit("{\"trainLimit\": 2000, \"epochs\": 1, \"learningRate\": 0.0003, \"seed\": 11}");
		fast = submit("{\"trainLimit\": 2000, \"epochs\": 1, \"learningRate\": 0.003, \"seed\": 11}");
		longer = submit("{\"trainLimit\": 2000, \"epochs\": 2, \"learningRate\": 0.001, \"seed\": 11}");
		// queued behind the others on the one training thread: cancelled before it ever starts, so it has no epoch
		neverStarted = submit("{\"trainLimit\": 2000, \"epochs\": 1}");
		assertThat(client.postJson("/api/jobs/" + neverStarted + "/cancel", "").json().get("state").asString())
			.isEqualTo("CANCELLED");
		DigitsClient.Response sweepAccepted = client.postJson("/api/sweeps", """
				{"base": {"trainLimit": 1000, "epochs": 1}, "parameters": {"learningRate": {"values": [0.001, 0.01]}},
				 "method": "grid", "earlyStopping": {"type": "none"}}""");
		assertThat(sweepAccepted.status()).as(sweepAccepted.body()).isEqualTo(202);
		sweep = sweepAccepted.json().get("id").asString();
		for (String job : List.of(slow, fast, longer)) {
			assertThat(client.awaitJob(job, Duration.ofMinutes(3)).get("state").asString()).isEqualTo("SUCCEEDED");
		}
		assertThat(client.awaitSweep(sweep, Duration.ofMinutes(3)).get("state").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void theListIsFilteredByStateSweepAndDataset() {
		List<JsonNode> succeeded = list("state=SUCCEEDED");
		assertThat(succeeded).allSatisfy(job -> assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED"));
		assertThat(ids(succeeded)).contains(slow, fast, longer).doesNotContain(neverStarted);
		assertThat(ids(list("state=CANCELLED"))).contains(neverStarted).doesNotContain(slow, fast, longer);

		List<String> trials = StreamSupport.stream(client.get("/api/sweeps/" + sweep).json().get("trials").spliterator(),
				false).map(trial -> trial.get("jobId").asString()).toList();
		assertThat(trials).hasSize(2);
		assertThat(ids(list("sweep=" + sweep))).containsExactlyInAnyOrderElementsOf(trials);
		assertThat(list("sweep=" + sweep + "&state=FAILED")).isEmpty();

		assertThat(ids(list("dataset=mnist"))).contains(slow, fast, longer, neverStarted).containsAll(trials);
		List<JsonNode> fashion = list("dataset=fashion-mnist");
		assertThat(fashion).allSatisfy(
				job -> assertThat(job.get("hyperparameters").get("dataset").asString()).isEqualTo("fashion-mnist"));
		assertThat(ids(fashion)).doesNotContain(slow, fast, longer);

		DigitsClient.Response refused = client.get("/api/jobs?state=DONE");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("state");
	}

	/**
	 * Checked on the finished jobs only: a job another test class left running may gain an epoch between the sort and
	 * the answer.
	 */
	@Test
	void byAccuracyTheHighestLastEpochComesFirstAndJobsWithoutAnEpochLast() {
		List<JsonNode> byAccuracy = list("sort=accuracy").stream()
			.filter(job -> FINAL_STATES.contains(job.get("state").asString()))
			.toList();

		List<Double> accuracies = byAccuracy.stream().map(JobListFilterApiTests::lastAccuracy).toList();
		int withEpochs = (int) accuracies.stream().takeWhile(accuracy -> accuracy != null).count();
		assertThat(accuracies.subList(withEpochs, accuracies.size())).containsOnlyNulls();
		assertThat(accuracies.subList(0, withEpochs)).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		List<String> order = ids(byAccuracy);
		assertThat(order.indexOf(neverStarted)).isGreaterThanOrEqualTo(withEpochs);
		// newest first, then a stable sort by accuracy: ties stay newest first, as the list's rule says
		List<String> mineByAccuracy = new ArrayList<>(List.of(longer, fast, slow));
		mineByAccuracy.sort((a, b) -> Double.compare(lastAccuracy(job(b)), lastAccuracy(job(a))));
		assertThat(order.stream().filter(mineByAccuracy::contains).toList()).isEqualTo(mineByAccuracy);

		List<JsonNode> sweepByAccuracy = list("sweep=" + sweep + "&sort=accuracy");
		assertThat(lastAccuracy(sweepByAccuracy.get(0))).isGreaterThanOrEqualTo(lastAccuracy(sweepByAccuracy.get(1)));
	}

	@Test
	void byDefaultTheListIsNewestFirst() {
		List<Instant> created = list("").stream().map(job -> Instant.parse(job.get("createdAt").asString())).toList();

		assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(ids(list("sort=date"))).isEqualTo(ids(list("")));
	}

	@Test
	void aFashionJobIsListedUnderItsDatasetOnly() {
		assumeTrue(Files.exists(MnistSamples.dataDir().resolve("fashion-mnist/train-images-idx3-ubyte.gz")),
				"Fashion-MNIST is not installed (Debian's dataset-fashion-mnist); scripts/fetch-data.sh skipped it");
		String fashion = submit("{\"dataset\": \"fashion-mnist\", \"trainLimit\": 1000, \"epochs\": 1}");
		client.awaitJob(fashion, Duration.ofMinutes(3));

		assertThat(ids(list("dataset=fashion-mnist"))).contains(fashion).doesNotContain(slow, fast, longer);
		assertThat(ids(list("dataset=mnist"))).doesNotContain(fashion);
		assertThat(ids(list("dataset=fashion-mnist&state=SUCCEEDED&sort=accuracy"))).contains(fashion);
	}

	private String submit(String request) {
		DigitsClient.Response accepted = client.postJson("/api/jobs", request);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json().get("id").asString();
	}

	private JsonNode job(String id) {
		return client.get("/api/jobs/" + id).json();
	}

	private List<JsonNode> list(String query) {
		DigitsClient.Response listed = client.get("/api/jobs?size=200&" + query);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		return StreamSupport.stream(listed.json().spliterator(), false).toList();
	}

	private static Double lastAccuracy(JsonNode job) {
		JsonNode epochs = job.get("epochs");
		return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).get("testAccuracy").asDouble();
	}

	private static List<String> ids(List<JsonNode> jobs) {
		return jobs.stream().map(job -> job.get("id").asString()).toList();
	}

}

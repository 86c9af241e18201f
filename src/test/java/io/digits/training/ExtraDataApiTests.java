package io.digits.training;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.digits.data.ExtraImages;
import io.digits.data.ExtraTrainingImages;
import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs on their dataset plus the labelled captures, over real HTTP on real MNIST. The captures are ten real MNIST test
 * digits with their true labels, given by this test's own implementation of the port (io.digits.capture is another
 * feature's): what people would have labelled.
 */
@DigitsServerTest
@Import(ExtraDataApiTests.TenLabelledCaptures.class)
class ExtraDataApiTests {

	private static final String CAPTURES = "\"extraData\": {\"captures\": {\"labelled\": true}}";

	private static final ExtraImages TEN = MnistSamples.captures(10);

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void aJobTrainsOnTheFirstTrainLimitImagesAndTheCapturesAndItsModelKeepsThem() {
		DigitsClient.Response accepted = client.postJson("/api/jobs",
				"{\"trainLimit\": 1000, \"epochs\": 3, \"batchSize\": 50, \"seed\": 7, " + CAPTURES + "}");

		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.json().get("hyperparameters").get("trainLimit").asInt()).isEqualTo(1000);
		assertThat(accepted.json().get("hyperparameters").get("extraData").toString())
			.isEqualTo("{\"captures\":{\"labelled\":true}}");
		String id = accepted.json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(2));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("engine").asString()).isEqualTo("fused-cpu");
		assertThat(job.get("trainingImages").asInt()).isEqualTo(1010);
		assertThat(job.get("capturesAdded").asInt()).isEqualTo(10);
		assertThat(job.get("captureIds").valueStream().map(JsonNode::asString).toList()).isEqualTo(TEN.ids());
		// 1010 images in batches of 50: 20 full ones and one of 10, every epoch
		assertThat(job.get("progress").get("totalIterations").asLong()).isEqualTo(3 * 21);
		assertThat(job.get("progress").get("iteration").asLong()).isEqualTo(3 * 21);
		JsonNode epochs = job.get("epochs");
		assertThat(epochs.get(2).get("trainLoss").asDouble()).isLessThan(epochs.get(0).get("trainLoss").asDouble());
		assertThat(epochs.get(2).get("testAccuracy").asDouble()).isGreaterThan(0.8);

		JsonNode model = client.get("/api/models/" + job.get("modelId").asString()).json();
		assertThat(model.get("jobId").asString()).isEqualTo(id);
		assertThat(model.get("trainingImages").asInt()).isEqualTo(1010);
		assertThat(model.get("capturesAdded").asInt()).isEqualTo(10);
		assertThat(model.get("captureIds").valueStream().map(JsonNode::asString).toList()).isEqualTo(TEN.ids());
		assertThat(model.get("hyperparameters").get("extraData").get("captures").get("labelled").asBoolean()).isTrue();
	}

	/** The check: the whole training set and ten labelled captures are 60,010 training images. */
	@Test
	void theWholeDatasetAndTenCapturesAre60010TrainingImages() {
		String id = client.postJson("/api/jobs", "{\"epochs\": 1, " + CAPTURES + "}").json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(2));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("trainingImages").asInt()).isEqualTo(60_010);
		assertThat(job.get("capturesAdded").asInt()).isEqualTo(10);
		// 60,010 / 128 = 468.8: 469 updates
		assertThat(job.get("progress").get("iteration").asLong()).isEqualTo(469);
		assertThat(job.get("epochs").get(0).get("testAccuracy").asDouble()).isGreaterThan(0.9);
		JsonNode model = client.get("/api/models/" + job.get("modelId").asString()).json();
		assertThat(model.get("trainingImages").asInt()).isEqualTo(60_010);
	}

	/** DL4J's fit (dropout is not the fused step's) trains on the same set: every batch of it, every epoch. */
	@Test
	void dl4jTrainsOnTheCapturesToo() {
		String id = client.postJson("/api/jobs",
				"{\"trainLimit\": 1000, \"epochs\": 2, \"batchSize\": 100, \"dropout\": 0.1, " + CAPTURES + "}")
			.json()
			.get("id")
			.asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(2));

		assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("engine").asString()).isEqualTo("dl4j");
		assertThat(job.get("trainingImages").asInt()).isEqualTo(1010);
		// 1010 images in batches of 100: 11 updates an epoch
		assertThat(job.get("progress").get("iteration").asLong()).isEqualTo(2 * 11);
		assertThat(job.get("epochs").get(1).get("trainLoss").asDouble())
			.isLessThan(job.get("epochs").get(0).get("trainLoss").asDouble());
	}

	@Test
	void aJobWithoutExtraDataTrainsOnItsDatasetAlone() {
		String id = client.postJson("/api/jobs", "{\"trainLimit\": 1000, \"epochs\": 1}").json().get("id").asString();

		JsonNode job = client.awaitJob(id, Duration.ofMinutes(2));

		assertThat(job.get("trainingImages").asInt()).isEqualTo(1000);
		assertThat(job.get("capturesAdded").asInt()).isZero();
		assertThat(job.get("captureIds").isNull()).isTrue();
		assertThat(job.get("hyperparameters").has("extraData")).isFalse();
		JsonNode model = client.get("/api/models/" + job.get("modelId").asString()).json();
		assertThat(model.get("trainingImages").asInt()).isEqualTo(1000);
		assertThat(model.get("capturesAdded").asInt()).isZero();
		assertThat(model.get("captureIds").size()).isZero();
	}

	/**
	 * Imported, and not a {@code @TestConfiguration}: a plain SpringApplication started by another test
	 * (JobRestoreTests) scans the test classes too, and would find it.
	 */
	static class TenLabelledCaptures {

		/** Primary: the service's own captures feature (io.digits.capture) is there too, with nothing labelled. */
		@Bean
		@Primary
		ExtraTrainingImages tenLabelledCaptures() {
			return (dataset, max) -> dataset.equals("mnist") ? first(Math.min(max, TEN.count())) : ExtraImages.NONE;
		}

		private static ExtraImages first(int count) {
			return new ExtraImages(List.copyOf(TEN.ids().subList(0, count)), Arrays.copyOf(TEN.pixels(), count),
					Arrays.copyOf(TEN.labels(), count));
		}

	}

}

package io.digits.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.digits.DigitsApplication;
import io.digits.data.ExtraImages;
import io.digits.data.ExtraTrainingImages;
import io.digits.support.MnistSamples;
import io.digits.model.ModelService;
import io.digits.support.SlowTest;
import io.digits.training.job.TrainingJob;
import io.digits.training.status.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What a restart makes of the jobs a stopped service left in its store. */
@SlowTest
class JobRestoreTests {

	@TempDir
	Path store;

	@Test
	void aJobWhoseModelWasRegisteredBeforeACrashSucceedsWithThatModelInsteadOfTrainingASecond() throws Exception {
		String jobId;
		String modelId;
		try (ConfigurableApplicationContext first = start()) {
			JobService jobs = first.getBean(JobService.class);
			JobRequest request = first.getBean(JsonMapper.class)
				.readValue("{\"trainLimit\": 2000, \"epochs\": 1, \"activate\": true}", JobRequest.class);
			TrainingJob job = jobs.submit(request);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (!job.state().isFinal() && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
			jobId = job.id();
			modelId = job.view().modelId();
		}
		// the record as it stood when the model was registered: running, no model named
		Path record = store.resolve("jobs").resolve(jobId).resolve("job.json");
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode running = (ObjectNode) json.readTree(record.toFile());
		running.put("state", "RUNNING");
		running.putNull("modelId");
		running.putNull("finishedAt");
		json.writeValue(record.toFile(), running);

		try (ConfigurableApplicationContext second = start()) {
			TrainingJob job = second.getBean(JobService.class).get(jobId);
			assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
			assertThat(job.view().modelId()).isEqualTo(modelId);
			assertThat(second.getBean(ModelService.class).list()).hasSize(1);
		}
	}

	/**
	 * A job stopped by a shutdown goes on after the restart over the captures it read when it started, in their order:
	 * not those labelled since, and without one deleted since.
	 */
	@Test
	void aResumedJobTrainsOnTheCapturesItStartedWith() throws Exception {
		ExtraImages fifteen = MnistSamples.captures(15);
		ExtraImages firstTen = only(fifteen, fifteen.ids().subList(0, 10));
		String jobId;
		TrainingJob stopped;
		try (ConfigurableApplicationContext first = start(firstTen)) {
			JobRequest request = first.getBean(JsonMapper.class)
				.readValue("{\"trainLimit\": 2000, \"epochs\": 200, \"batchSize\": 10, \"hiddenLayers\": [256], "
						+ "\"extraData\": {\"captures\": {\"labelled\": true}}}", JobRequest.class);
			TrainingJob job = first.getBean(JobService.class).submit(request);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (job.progress().iteration() < 300 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(job.state()).isEqualTo(JobState.RUNNING);
			assertThat(job.view().captureIds()).isEqualTo(firstTen.ids());
			jobId = job.id();
			stopped = job;
		}
		long stoppedAt = stopped.progress().iteration();
		// since: five more labelled, the fourth deleted
		List<String> kept = new ArrayList<>(fifteen.ids());
		kept.remove(3);
		ExtraImages now = only(fifteen, kept);

		try (ConfigurableApplicationContext second = start(now)) {
			TrainingJob job = second.getBean(JobService.class).get(jobId);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (job.progress().iteration() <= stoppedAt + 5 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(job.state()).isEqualTo(JobState.RUNNING);
			List<String> expected = new ArrayList<>(firstTen.ids());
			expected.remove(3);
			assertThat(job.view().captureIds()).isEqualTo(expected);
			assertThat(job.view().trainingImages()).isEqualTo(2009);
			// 2009 images in batches of 10: 201 updates an epoch
			assertThat(job.view().progress().totalIterations()).isEqualTo(200 * 201);
			second.getBean(JobService.class).cancel(jobId);
		}
	}

	private static ExtraImages only(ExtraImages all, List<String> ids) {
		int[] at = ids.stream().mapToInt(id -> all.ids().indexOf(id)).toArray();
		float[][] pixels = new float[at.length][];
		int[] labels = new int[at.length];
		for (int i = 0; i < at.length; i++) {
			pixels[i] = all.pixels()[at[i]];
			labels[i] = all.labels()[at[i]];
		}
		return new ExtraImages(List.copyOf(ids), pixels, labels);
	}

	private ConfigurableApplicationContext start() {
		return start(null);
	}

	/** With {@code captures} as what the captures feature has labelled, when given. */
	private ConfigurableApplicationContext start(ExtraImages captures) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(DigitsApplication.class);
		if (captures != null) {
			// primary: the service's own captures feature is there too, with nothing labelled
			builder.initializers(context -> ((GenericApplicationContext) context).registerBean("testCaptures",
					ExtraTrainingImages.class, () -> (dataset, max) -> captures, definition -> definition.setPrimary(true)));
		}
		return builder.run("--server.port=0",
				"--server.address=127.0.0.1", "--digits.store.dir=" + store, "--digits.bootstrap.enabled=false",
				"--digits.auth.token=restore-test", "--spring.main.banner-mode=off");
	}

}

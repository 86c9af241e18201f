package io.digits.training;

import java.nio.file.Path;
import java.time.Duration;

import io.digits.DigitsApplication;
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

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(DigitsApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--digits.store.dir=" + store, "--digits.bootstrap.enabled=false",
				"--digits.auth.token=restore-test", "--spring.main.banner-mode=off");
	}

}

package io.digits.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.digits.support.TestDatabase;
import io.digits.training.job.TrainingJob;
import io.digits.training.status.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared mode's queue in one process on the machine's PostgreSQL: submissions racing for the first job (as
 * replicas starting together do for the bootstrap) queue exactly one, under the same database lock that serialises
 * replicas; a job is stored, queued in db-scheduler's table and journaled in one transaction, and runs.
 */
@SpringBootTest(properties = { "digits.bootstrap.enabled=false", "digits.replica.name=only" })
class ClusterJobQueueTests {

	private static TestDatabase.Schema schema;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		schema = TestDatabase.freshSchema();
		String[] arguments = schema.serviceArguments();
		for (String argument : arguments) {
			String[] setting = argument.substring(2).split("=", 2);
			registry.add(setting[0], () -> setting[1]);
		}
	}

	@AfterAll
	static void dropSchema() {
		schema.close();
	}

	@Autowired
	JobService jobs;

	@Autowired
	JsonMapper json;

	@Test
	void submissionsRacingForTheFirstJobQueueOneAndItRuns() throws Exception {
		JobRequest small = json.readValue("{\"trainLimit\": 1000, \"epochs\": 1}", JobRequest.class);
		int racers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(racers);
		List<Future<Optional<TrainingJob>>> results = new ArrayList<>();
		for (int i = 0; i < racers; i++) {
			Callable<Optional<TrainingJob>> race = () -> {
				start.await();
				return jobs.submitAsFirst(small);
			};
			results.add(threads.submit(race));
		}
		start.countDown();
		List<TrainingJob> queued = new ArrayList<>();
		for (Future<Optional<TrainingJob>> result : results) {
			result.get().ifPresent(queued::add);
		}
		threads.shutdown();

		assertThat(queued).hasSize(1);
		assertThat(jobs.count()).isEqualTo(1);
		String id = queued.get(0).id();
		JdbcClient database = JdbcClient.create(schema.dataSource());
		// its first events were journaled with it, before any replica took it
		assertThat(database.sql("SELECT min(id) FROM digits_job_event WHERE job_id = ?").param(id).query(Long.class)
			.single()).isEqualTo(1L);
		await().atMost(Duration.ofMinutes(1)).until(() -> jobs.get(id).state() == JobState.SUCCEEDED);
		assertThat(jobs.get(id).view().replica()).isEqualTo("only");
		// the queue's row goes once the run returns, a moment after the job's end
		await().atMost(Duration.ofSeconds(5))
			.until(() -> database.sql("SELECT count(*) FROM scheduled_tasks").query(Integer.class).single() == 0);
		assertThat(jobs.submitAsFirst(small)).isEmpty();
		// the rest as the writer thread journals it, a moment after the job ends
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(database.sql("SELECT type FROM digits_job_event WHERE job_id = ? ORDER BY id DESC LIMIT 1")
				.param(id).query(String.class).single()).isEqualTo("done"));
	}

}

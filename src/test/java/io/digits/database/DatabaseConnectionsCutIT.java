package io.digits.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsProcess;
import io.digits.support.SlowTest;
import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared mode when PostgreSQL drops the replica's connections while a job trains (what a database restart or a
 * failover does to a client): the job goes on (its writes are tried again on new connections; before that, it
 * failed on the dead one); the replica reconnects by itself, is ready again, trains and serves; no model is lost. The connections are cut with pg_terminate_backend, picked by the
 * application name the replica gives them, so the server and other builds on it are left alone.
 */
@SlowTest
class DatabaseConnectionsCutIT {

	@TempDir
	Path store;

	@Test
	void cutConnectionsMidJobLeaveAReplicaThatReconnectsAndLosesNoModel() throws Exception {
		String replica = "cut-" + UUID.randomUUID().toString().substring(0, 8);
		try (TestDatabase.Schema schema = TestDatabase.freshSchema();
				DigitsProcess digits = DigitsProcess.start(store, "connections-cut", DigitsProcess.settings(schema.serviceArguments(),
						"--digits.replica.name=" + replica, "--digits.training.checkpoint-interval=0s"))) {
			DigitsClient client = digits.client();
			String first = client.postJson("/api/jobs", "{\"trainLimit\": 3000, \"epochs\": 1, \"activate\": true}")
				.json().get("id").asString();
			String model = client.awaitJob(first, Duration.ofMinutes(2)).get("modelId").asString();
			String job = client.postJson("/api/jobs", "{\"batchSize\": 32, \"epochs\": 4}")
				.json().get("id").asString();
			client.awaitEpochs(job, 1);

			int cut = JdbcClient.create(schema.dataSource())
				.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")
				.param("digits@" + replica)
				.query(Integer.class)
				.single();

			assertThat(cut).as("connections of the replica cut").isPositive();
			JsonNode ended = client.awaitJob(job, Duration.ofMinutes(3));
			assertThat(ended.get("state").asString()).as(ended.toString()).isEqualTo("SUCCEEDED");
			assertThat(ended.get("epochs").size()).isEqualTo(4);
			// the connection that hears other replicas was cut too, and came back by itself
			assertThat(digits.log()).contains("Listening for other replicas' changes again");
			assertThat(client.get("/actuator/health/readiness").json().get("components").get("store").get("status")
				.asString()).isEqualTo("UP");
			String after = client.postJson("/api/jobs", "{\"trainLimit\": 3000, \"epochs\": 1}").json().get("id").asString();
			assertThat(client.awaitJob(after, Duration.ofMinutes(2)).get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(client.get("/api/models/" + model).json().get("usable").asBoolean()).isTrue();
			assertThat(client.get("/api/models/active").json().get("id").asString()).isEqualTo(model);
			assertThat(client.get("/api/models/" + model + "/file").status()).isEqualTo(200);
		}
	}

}

package io.digits.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.EventStreamClient;
import io.digits.support.EventStreamClient.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event stream's bounds per client, over real HTTP: a cap per remote address, a lifetime per stream, and slots
 * freed soon after a client drops its connection. A dropped connection is found by the second write after it (the
 * first only draws the peer's reset), so within two keep-alives: 1 s here.
 */
@DigitsServerTest
@TestPropertySource(properties = { "digits.training.stream.max-per-client=3", "digits.training.stream.keep-alive=1s",
		"digits.training.stream.max-lifetime=15s" })
class JobEventStreamLimitsTests {

	private static final Duration LIFETIME = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	DigitsClient client;

	final List<String> jobs = new ArrayList<>();

	final List<EventStreamClient> streams = new ArrayList<>();

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@AfterEach
	void cleanUp() {
		streams.forEach(EventStreamClient::close);
		jobs.forEach(id -> client.post("/api/jobs/" + id + "/cancel", "application/json", new byte[0]));
		// the next test starts with every slot of this client free again
		sleep(3000);
	}

	@Test
	void oneClientGetsAtMostItsCapOfStreamsAnd429BeyondWhileHealthStaysOpen() {
		String running = submit("{\"epochs\": 100, \"batchSize\": 32}");
		String queued = submit("{\"epochs\": 1}");
		for (int i = 0; i < 3; i++) {
			open(i % 2 == 0 ? queued : running);
		}

		try (EventStreamClient refused = EventStreamClient.open(port, "/api/jobs/" + queued + "/events", null)) {
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.header("Retry-After")).isNotEmpty();
			assertThat(refused.body()).contains("3 event streams").contains("digits.training.stream.max-per-client");
		}
		// health is no stream and never capped
		assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(client.get("/actuator/health/readiness").json().has("status")).isTrue();
	}

	@Test
	void aDroppedStreamFreesItsSlotWithinTwoKeepAlivesNotAtTheEndOfItsJob() {
		submit("{\"epochs\": 100, \"batchSize\": 32}");
		// queued behind the running job, its streams are quiet: nothing is written that could find a dead connection
		String quiet = submit("{\"epochs\": 1}");
		long opened = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			open(quiet);
		}
		streams.remove(0).close();

		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		int status;
		do {
			try (EventStreamClient again = EventStreamClient.open(port, "/api/jobs/" + quiet + "/events", null)) {
				status = again.status();
				if (status == 200) {
					assertThat(again.next().type()).isEqualTo("state");
				}
			}
			sleep(100);
		}
		while (status != 200 && System.nanoTime() < deadline);

		assertThat(status).isEqualTo(200);
		// sooner than any stream's lifetime, so not freed by it
		assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(LIFETIME);
	}

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aStreamEndsAtItsLifetimeAndTheClientResumesWithLastEventIdMissingNothing() {
		String id = submit("{\"epochs\": 100, \"batchSize\": 32}");
		long opened = System.nanoTime();
		List<Event> first;
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", null)) {
			first = stream.rest();
		}
		Duration lasted = Duration.ofNanos(System.nanoTime() - opened);

		assertThat(lasted).isBetween(LIFETIME.minusSeconds(1), LIFETIME.plusSeconds(20));
		assertThat(first).isNotEmpty();
		assertThat(first.get(first.size() - 1).type()).isNotEqualTo("done");
		long lastSeen = first.get(first.size() - 1).id();
		try (EventStreamClient resumed = EventStreamClient.open(port, "/api/jobs/" + id + "/events", lastSeen)) {
			assertThat(resumed.status()).isEqualTo(200);
			assertThat(resumed.next().id()).isEqualTo(lastSeen + 1);
		}
	}

	private void open(String job) {
		EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + job + "/events", null);
		streams.add(stream);
		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.next().type()).isEqualTo("state");
	}

	private String submit(String body) {
		DigitsClient.Response response = client.postJson("/api/jobs", body);
		assertThat(response.status()).isEqualTo(202);
		String id = response.json().get("id").asString();
		jobs.add(id);
		return id;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

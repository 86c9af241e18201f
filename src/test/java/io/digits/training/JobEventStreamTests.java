package io.digits.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import io.digits.support.EventStreamClient;
import io.digits.support.EventStreamClient.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@DigitsServerTest
class JobEventStreamTests {

	/** digits.training.stream.max-per-client: every test stream comes from the same address. */
	private static final int SUBSCRIBERS = 8;

	@LocalServerPort
	int port;

	DigitsClient client;

	@BeforeEach
	void connect() {
		client = new DigitsClient(port);
	}

	@Test
	void theStreamSendsStateIterationEpochAndDoneEventsInOrderThenEnds() {
		String id = submit("{\"trainLimit\": 6000, \"epochs\": 2, \"batchSize\": 64}");
		List<Event> events;
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
			events = stream.rest();
		}

		assertThat(events.stream().mapToLong(Event::id)).containsExactlyElementsOf(
				LongStream.rangeClosed(1, events.size()).boxed().toList());
		List<String> states = events.stream().filter(e -> e.type().equals("state")).map(e -> e.data().get("state").asString()).toList();
		assertThat(states).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
		assertThat(events.get(0).type()).isEqualTo("state");
		// 188 updates: the set-up diagnosis comes right after the job is queued
		assertThat(events.get(1).type()).isEqualTo("diagnosis");
		assertThat(events.get(1).data().get(0).get("code").asString()).isEqualTo("too-few-updates");
		Event done = events.get(events.size() - 1);
		assertThat(done.type()).isEqualTo("done");
		assertThat(done.data().get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.data().get("modelId").asString()).startsWith("model-");
		assertThat(events.get(events.size() - 2).data().get("state").asString()).isEqualTo("SUCCEEDED");

		long covered = 0, lastIteration = 0;
		int epochsSeen = 0;
		for (Event event : events) {
			if (event.type().equals("iteration")) {
				JsonNode data = event.data();
				assertThat(data.get("iteration").asLong()).isGreaterThan(lastIteration);
				assertThat(data.get("epoch").asInt()).isEqualTo(epochsSeen + 1);
				assertThat(Double.isFinite(data.get("loss").asDouble())).isTrue();
				lastIteration = data.get("iteration").asLong();
				covered += data.get("iterations").asLong();
				assertThat(covered).isEqualTo(lastIteration);
			}
			else if (event.type().equals("epoch")) {
				epochsSeen++;
				assertThat(event.data().get("epoch").asInt()).isEqualTo(epochsSeen);
				assertThat(lastIteration).isEqualTo(94L * epochsSeen);
				assertThat(event.data().get("testAccuracy").asDouble()).isBetween(0.5, 1.0);
			}
		}
		assertThat(epochsSeen).isEqualTo(2);
		assertThat(covered).isEqualTo(188);
	}

	@Test
	void aClientThatReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() {
		String id = submit("{\"trainLimit\": 12000, \"epochs\": 2, \"batchSize\": 32}");
		List<Event> received = new ArrayList<>();
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", null)) {
			for (int i = 0; i < 6; i++) {
				received.add(stream.next());
			}
		}
		long lastSeen = received.get(received.size() - 1).id();

		try (EventStreamClient resumed = EventStreamClient.open(port, "/api/jobs/" + id + "/events", lastSeen)) {
			received.addAll(resumed.rest());
		}

		assertThat(received.stream().mapToLong(Event::id)).containsExactlyElementsOf(
				LongStream.rangeClosed(1, received.size()).boxed().toList());
		assertThat(received.get(received.size() - 1).type()).isEqualTo("done");
		long covered = received.stream().filter(e -> e.type().equals("iteration")).mapToLong(e -> e.data().get("iterations").asLong()).sum();
		assertThat(covered).isEqualTo(750);
	}

	@Test
	void asManySubscribersAsOneClientMayOpenSeeTheSameEvents() throws Exception {
		String id = submit("{\"trainLimit\": 6000, \"epochs\": 2, \"batchSize\": 32}");
		ExecutorService subscribers = Executors.newFixedThreadPool(SUBSCRIBERS);
		try {
			List<Future<List<Event>>> streams = new ArrayList<>();
			for (int i = 0; i < SUBSCRIBERS; i++) {
				streams.add(subscribers.submit(() -> {
					try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", null)) {
						return stream.rest();
					}
				}));
			}
			List<String> first = describe(streams.get(0).get());
			assertThat(first.get(first.size() - 1)).startsWith("done");
			for (Future<List<Event>> stream : streams) {
				assertThat(describe(stream.get())).isEqualTo(first);
			}
		}
		finally {
			subscribers.shutdownNow();
		}
	}

	@Test
	void subscribingToAFinishedJobReplaysItsHistoryAndEnds() {
		String id = submit("{\"trainLimit\": 3000, \"epochs\": 1}");
		List<Event> live;
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", null)) {
			live = stream.rest();
		}

		List<Event> replay;
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", null)) {
			replay = stream.rest();
		}

		assertThat(describe(replay)).isEqualTo(describe(live));
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", (long) live.size() - 1)) {
			List<Event> tail = stream.rest();
			assertThat(tail.size()).isEqualTo(1);
			assertThat(tail.get(0).type()).isEqualTo("done");
		}
		// an EventSource reconnecting after the done event is told there is nothing more
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/" + id + "/events", (long) live.size())) {
			assertThat(stream.status()).isEqualTo(204);
		}
	}

	@Test
	void theLossHistoryHoldsEveryIterationAsJsonAndCsv() {
		String id = submit("{\"trainLimit\": 6000, \"epochs\": 2, \"batchSize\": 64}");
		client.awaitJob(id, Duration.ofMinutes(2));

		JsonNode curve = client.get("/api/jobs/" + id + "/loss").json();
		assertThat(curve.size()).isEqualTo(188);
		for (int i = 0; i < 188; i++) {
			assertThat(curve.get(i).get("iteration").asLong()).isEqualTo(i + 1);
			assertThat(curve.get(i).get("epoch").asInt()).isEqualTo(i < 94 ? 1 : 2);
		}
		double firstTen = 0, lastTen = 0;
		for (int i = 0; i < 10; i++) {
			firstTen += curve.get(i).get("loss").asDouble();
			lastTen += curve.get(178 + i).get("loss").asDouble();
		}
		assertThat(lastTen).isLessThan(firstTen / 2);

		JsonNode page = client.get("/api/jobs/" + id + "/loss?from=100&limit=10").json();
		assertThat(page.size()).isEqualTo(10);
		assertThat(page.get(0).get("iteration").asLong()).isEqualTo(100);

		DigitsClient.Response csv = client.getAccepting("/api/jobs/" + id + "/loss?from=187", "text/csv");
		assertThat(csv.contentType()).startsWith("text/csv");
		String[] lines = csv.body().split("\n");
		assertThat(lines[0]).isEqualTo("iteration,epoch,loss,timestamp");
		assertThat(lines).hasSize(3);
		assertThat(lines[1]).startsWith("187,2,");
	}

	@Test
	void streamsAndCurvesOfUnknownJobsAre404Problems() {
		try (EventStreamClient stream = EventStreamClient.open(port, "/api/jobs/job-000000000000/events", null)) {
			assertThat(stream.status()).isEqualTo(404);
		}
		assertThat(client.get("/api/jobs/job-000000000000/loss").status()).isEqualTo(404);
		assertThat(client.get("/api/jobs/nonsense/loss").contentType()).startsWith("application/problem+json");
	}

	private String submit(String body) {
		DigitsClient.Response response = client.postJson("/api/jobs", body);
		assertThat(response.status()).isEqualTo(202);
		return response.json().get("id").asString();
	}

	private static List<String> describe(List<Event> events) {
		return events.stream().map(event -> event.type() + "#" + event.id() + ":" + event.data()).toList();
	}

}

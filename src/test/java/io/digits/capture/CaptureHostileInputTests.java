package io.digits.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.digits.support.DigitsClient;
import io.digits.support.DigitsServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture endpoint on a real server (Tomcat's own path handling included) given what it must refuse: each
 * answer a problem with the status its fault calls for, naming the field where there is one, and the one capture kept
 * is left as it was.
 */
@DigitsServerTest
class CaptureHostileInputTests {

	private static final String ID = "capture-0123456789ab";

	@LocalServerPort
	int port;

	@Autowired
	CaptureStore store;

	private record Case(String name, int status, String field, Supplier<DigitsClient.Response> request) {
	}

	@BeforeEach
	void oneCapture() throws Exception {
		store.deleteAll();
		store.insert(new Capture(ID, "model-0123456789ab", "mnist", 3, 0.41f, List.of("low-confidence"),
				Instant.parse("2026-12-01T10:00:00Z"), 5, Instant.parse("2026-12-01T10:01:00Z")), new byte[Capture.PIXELS]);
	}

	@AfterEach
	void noCapture() throws Exception {
		store.deleteAll();
	}

	@TestFactory
	Stream<DynamicTest> everyHostileRequestIsAProblemAndChangesNothing() {
		return corpus(new DigitsClient(port), port).stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.status(), () -> {
			DigitsClient.Response response = c.request().get();
			String answer = c.name() + " answered " + response.body();
			assertThat(response.status()).as(answer).isEqualTo(c.status());
			assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem.get("detail").asString()).as(answer).isNotBlank().doesNotContain("Exception");
			if (c.field() != null) {
				assertThat(problem.get("field").asString()).as(answer).isEqualTo(c.field());
			}
			Capture kept = store.read(ID).orElseThrow();
			assertThat(kept.label()).as(answer).isEqualTo(5);
			assertThat(store.newestFirst(CaptureFilter.ALL, 0, 10)).as(answer).hasSize(1);
		}));
	}

	private static List<Case> corpus(DigitsClient client, int port) {
		List<Case> cases = new ArrayList<>();
		for (String body : List.of("{\"digit\": -1}", "{\"digit\": 10}", "{\"digit\": \"4\"}", "{\"digit\": 4.0}", "{}",
				"{\"digit\": null}", "{\"digit\": 1e400}")) {
			cases.add(new Case("POST label " + body, 400, "digit",
					() -> client.postJson("/api/captures/" + ID + "/label", body)));
		}
		cases.add(new Case("POST label with an unknown field", 400, "label",
				() -> client.postJson("/api/captures/" + ID + "/label", "{\"digit\": 4, \"label\": 4}")));
		for (String body : List.of("", "null", "[4]", "4", "{\"digit\": 4")) {
			cases.add(new Case("POST label '" + body + "'", 400, null,
					() -> client.postJson("/api/captures/" + ID + "/label", body)));
		}
		cases.add(new Case("POST label as text/plain", 415, null,
				() -> client.post("/api/captures/" + ID + "/label", "text/plain", "4".getBytes())));
		// ids not well formed are unknown: 404, never a path outside the store
		for (String id : List.of("..%2F..%2Fapi-token", "%2e%2e", "capture-..%2F..%2Fjobs", "capture-0123456789AB",
				"capture-0123456789ab.json", "model-0123456789ab", "capture-000000000000")) {
			cases.add(new Case("GET " + id, 404, null, () -> client.get("/api/captures/" + id)));
			cases.add(new Case("GET image of " + id, 404, null, () -> client.get("/api/captures/" + id + "/image.png")));
			cases.add(new Case("POST label of " + id, 404, null,
					() -> client.postJson("/api/captures/" + id + "/label", "{\"digit\": 4}")));
			cases.add(new Case("DELETE " + id, 404, null, () -> client.delete("/api/captures/" + id)));
		}
		for (String[] query : List.of(new String[] { "size", "0" }, new String[] { "size", "201" },
				new String[] { "size", "2147483648" }, new String[] { "page", "-1" }, new String[] { "page", "1e3" },
				new String[] { "lowConfidence", "yes" }, new String[] { "labelled", "" }, new String[] { "model", "..%2Fx" },
				new String[] { "dataset", "cifar-10" }, new String[] { "format", "csv" }, new String[] { "format", "png" })) {
			cases.add(new Case("GET ?" + query[0] + "=" + query[1], 400, query[0],
					() -> client.get("/api/captures?" + query[0] + "=" + query[1])));
			cases.add(new Case("GET zip ?" + query[0] + "=" + query[1], 400, query[0],
					() -> client.getAccepting("/api/captures?" + query[0] + "=" + query[1], "application/zip")));
		}
		cases.add(new Case("PUT /api/captures", 405, null, () -> client.putJson("/api/captures", "{}")));
		cases.add(new Case("label without the token", 401, null, () -> new DigitsClient(port, null)
			.postJson("/api/captures/" + ID + "/label", "{\"digit\": 4}")));
		cases.add(new Case("delete all with a wrong token", 403, null,
				() -> new DigitsClient(port, "wrong").delete("/api/captures")));
		return cases;
	}

}

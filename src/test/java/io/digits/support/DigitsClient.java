package io.digits.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for a running Digits server. */
public final class DigitsClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The token the test servers are started with. */
	public static final String TEST_TOKEN = "test-token";

	private final String base;

	private final String token;

	/** A client that sends the test servers' token. */
	public DigitsClient(int port) {
		this(port, TEST_TOKEN);
	}

	/** A client that sends the given token, or none when it is null. */
	public DigitsClient(int port, String token) {
		this("localhost", port, token);
	}

	/** A client of a server elsewhere, such as a container's mapped port. */
	public DigitsClient(String host, int port, String token) {
		this.base = "http://" + host + ":" + port;
		this.token = token;
	}

	public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public Response getAccepting(String path, String accept) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
	}

	public Response postJson(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** With request headers of the caller's, such as a client's id for a sticky canary. */
	public Response postJson(String path, String json, java.util.Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request);
	}

	public Response post(String path, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public Response putJson(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
	}

	/** One multipart part per file, each named {@code partName}. */
	public Response upload(String path, String partName, List<byte[]> files) {
		String boundary = "digits-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try {
			for (int i = 0; i < files.size(); i++) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName
						+ "\"; filename=\"digit" + i + ".png\"\r\nContent-Type: application/octet-stream\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.write(files.get(i));
				body.write("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private Response send(HttpRequest.Builder request) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Polls the job until it reaches a final state, or fails after the timeout. */
	public JsonNode awaitJob(String id, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode job = get("/api/jobs/" + id).json();
			String state = job.get("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")
					|| state.equals("STOPPED_EARLY")) {
				return job;
			}
			sleep(200);
		}
		throw new AssertionError("job " + id + " did not finish within " + timeout + ": " + get("/api/jobs/" + id).body());
	}

	/** Polls the sweep until it reaches a final state, or fails after the timeout. */
	public JsonNode awaitSweep(String id, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode sweep = get("/api/sweeps/" + id).json();
			String state = sweep.get("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
				return sweep;
			}
			sleep(250);
		}
		throw new AssertionError("sweep " + id + " did not end within " + timeout + ": " + get("/api/sweeps/" + id).body());
	}

	/** Trains a model with the given job request, fails unless the job succeeds, and answers the model's id. */
	public String trainModel(String jobRequest) {
		Response accepted = postJson("/api/jobs", jobRequest);
		if (accepted.status() != 202) {
			throw new AssertionError("job refused: " + accepted.body());
		}
		JsonNode done = awaitJob(accepted.json().get("id").asString(), Duration.ofMinutes(3));
		if (!done.get("state").asString().equals("SUCCEEDED")) {
			throw new AssertionError("job did not succeed: " + done);
		}
		return done.get("modelId").asString();
	}

	/** Polls the job until it has finished at least {@code epochs} epochs, or fails after two minutes. */
	public JsonNode awaitEpochs(String id, int epochs) {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode job = get("/api/jobs/" + id).json();
			if (job.get("epochs").size() >= epochs) {
				return job;
			}
			sleep(50);
		}
		throw new AssertionError("job " + id + " did not finish " + epochs + " epochs");
	}

	/** A job's test accuracy, epoch by epoch. */
	public static List<Double> testAccuracies(JsonNode job) {
		return java.util.stream.StreamSupport.stream(job.get("epochs").spliterator(), false)
			.map(epoch -> epoch.get("testAccuracy").asDouble())
			.toList();
	}

	/** Polls the job until it is in the given state. */
	public JsonNode awaitState(String id, String expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode job = get("/api/jobs/" + id).json();
			if (job.get("state").asString().equals(expected)) {
				return job;
			}
			sleep(50);
		}
		throw new AssertionError("job " + id + " never reached " + expected + ": " + get("/api/jobs/" + id).body());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

package io.digits.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a Server-Sent Events stream over a real HTTP connection, as a browser's EventSource would. */
public final class EventStreamClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One event as received. */
	public record Event(long id, String type, JsonNode data) {
	}

	private final HttpResponse<InputStream> response;

	private final BufferedReader reader;

	private final List<String> comments = new ArrayList<>();

	private EventStreamClient(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
	}

	public static EventStreamClient open(int port, String path, Long lastEventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", Long.toString(lastEventId));
		}
		try {
			return new EventStreamClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status() {
		return response.statusCode();
	}

	public String contentType() {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	/** A response header, empty when absent. */
	public String header(String name) {
		return response.headers().firstValue(name).orElse("");
	}

	/** The rest of the body as text: for a refusal, its problem details. */
	public String body() {
		StringBuilder body = new StringBuilder();
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				body.append(line).append('\n');
			}
			return body.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The comments (keep-alives) seen so far. */
	public List<String> comments() {
		return comments;
	}

	/** The next event, or null when the stream has ended. */
	public Event next() {
		Long id = null;
		String type = "message";
		StringBuilder data = new StringBuilder();
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (data.length() > 0) {
						return new Event(id == null ? -1 : id, type, JSON.readTree(data.toString()));
					}
					continue;
				}
				if (line.startsWith(":")) {
					comments.add(line.substring(1));
				}
				else if (line.startsWith("id:")) {
					id = Long.parseLong(line.substring(3).trim());
				}
				else if (line.startsWith("event:")) {
					type = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every remaining event, until the server ends the stream. */
	public List<Event> rest() {
		List<Event> events = new ArrayList<>();
		Event event;
		while ((event = next()) != null) {
			events.add(event);
		}
		return events;
	}

	@Override
	public void close() {
		try {
			response.body().close();
		}
		catch (IOException ex) {
			// closing a dropped connection
		}
	}

}

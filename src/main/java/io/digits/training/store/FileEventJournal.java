package io.digits.training.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;
import io.digits.training.events.JobEventJournal;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The embedded mode's event journal: {@code jobs/<id>/events.jsonl}, one JSON line per event, appended. What lets a
 * job restored after a restart go on with the same event ids. A line cut short by a crash is ignored when read.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
public class FileEventJournal implements JobEventJournal {

	private static final String FILE = "events.jsonl";

	private final Path jobsDir;

	private final JsonMapper json;

	public FileEventJournal(StoreProperties properties, JsonMapper json) {
		this.jobsDir = properties.dir().resolve("jobs");
		this.json = json;
	}

	@Override
	public void append(String jobId, List<JobEventLog.Entry> events) {
		Path dir = jobsDir.resolve(jobId);
		if (events.isEmpty() || !Files.isDirectory(dir)) {
			// a job forgotten meanwhile: nothing to keep
			return;
		}
		StringBuilder lines = new StringBuilder();
		for (JobEventLog.Entry event : events) {
			lines.append(json.writeValueAsString(new Line(event.id(), event.event().type(), event.event().data())))
				.append('\n');
		}
		try (Writer out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND)) {
			out.write(lines.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot journal the events of job " + jobId, ex);
		}
	}

	/** One line: the event's id, its type and its body. */
	private record Line(long id, String type, Object data) {
	}

	@Override
	public List<JobEventSource.Sent> after(String jobId, long afterId, int limit) {
		List<JobEventSource.Sent> events = new ArrayList<>();
		try (BufferedReader lines = Files.newBufferedReader(jobsDir.resolve(jobId).resolve(FILE), StandardCharsets.UTF_8)) {
			String line;
			while ((line = lines.readLine()) != null && events.size() < limit) {
				JsonNode event;
				try {
					event = json.readTree(line);
				}
				catch (RuntimeException cutShort) {
					// a line a crash cut short (and, glued to it, the first line written after the restart)
					continue;
				}
				long id = event.path("id").asLong();
				String type = event.path("type").asString();
				if (id > afterId && event.has("data")) {
					events.add(new JobEventSource.Sent(id, type, json.writeValueAsString(event.get("data")),
							"done".equals(type)));
				}
			}
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the events of job " + jobId, ex);
		}
		return events;
	}

	@Override
	public long lastId(String jobId) {
		List<JobEventSource.Sent> all = after(jobId, 0, Integer.MAX_VALUE);
		return all.isEmpty() ? 0 : all.get(all.size() - 1).id();
	}

}

package io.digits.training.store;

import java.util.List;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.LostConnectionRetry;
import io.digits.shared.StoreMode;
import io.digits.training.events.JobEventJournal;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The shared mode's event journal: table {@code digits_job_event}, one row per event, its body as JSON text. */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
public class JdbcEventJournal implements JobEventJournal {

	private static final String DONE = "done";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public JdbcEventJournal(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void append(String jobId, List<JobEventLog.Entry> events) {
		if (events.isEmpty()) {
			return;
		}
		StringBuilder sql = new StringBuilder("INSERT INTO digits_job_event (job_id, id, type, data) VALUES ");
		Object[] parameters = new Object[events.size() * 4];
		for (int i = 0; i < events.size(); i++) {
			JobEventLog.Entry event = events.get(i);
			sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
			parameters[i * 4] = jobId;
			parameters[i * 4 + 1] = event.id();
			parameters[i * 4 + 2] = event.event().type();
			parameters[i * 4 + 3] = json.writeValueAsString(event.event().data());
		}
		// a batch written again after a lost connection may have landed the first time
		sql.append(" ON CONFLICT (job_id, id) DO NOTHING");
		LostConnectionRetry.call(() -> jdbc.sql(sql.toString()).params(parameters).update());
	}

	@Override
	public List<JobEventSource.Sent> after(String jobId, long afterId, int limit) {
		return jdbc.sql("SELECT id, type, data FROM digits_job_event WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?")
			.params(jobId, afterId, limit)
			.query((row, n) -> new JobEventSource.Sent(row.getLong("id"), row.getString("type"), row.getString("data"),
					DONE.equals(row.getString("type"))))
			.list();
	}

	@Override
	public long lastId(String jobId) {
		return jdbc.sql("SELECT coalesce(max(id), 0) FROM digits_job_event WHERE job_id = ?")
			.param(jobId)
			.query(Long.class)
			.single();
	}

}

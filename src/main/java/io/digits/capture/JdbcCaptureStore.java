package io.digits.capture;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared mode's captures, in PostgreSQL ({@code digits_capture}, db/migration V5): one row each, the gray bytes
 * beside the answer, written by one statement. Lists never read the bytes.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class JdbcCaptureStore implements CaptureStore {

	private static final String COLUMNS = "id, captured_at, model_id, dataset, digit, confidence, flags::text AS flags, "
			+ "label, labelled_at";

	private static final String LOW_CONFIDENCE = "flags @> '[\"" + Capture.LOW_CONFIDENCE + "\"]'::jsonb";

	private static final TypeReference<List<String>> FLAGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcCaptureStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void insert(Capture capture, byte[] pixels) throws IOException {
		update("store capture " + capture.id(), () -> jdbc.sql("""
				INSERT INTO digits_capture (id, captured_at, model_id, dataset, digit, confidence, flags, pixels)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
				""")
			.params(capture.id(), Timestamp.from(capture.capturedAt()), capture.modelId(), capture.dataset(),
					capture.digit(), capture.confidence(), json.writeValueAsString(capture.flags()), pixels)
			.update());
	}

	@Override
	public Optional<Capture> read(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM digits_capture WHERE id = ?").param(id).query(this::capture).optional();
	}

	@Override
	public Map<String, byte[]> pixels(List<String> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, byte[]> found = new LinkedHashMap<>();
		jdbc.sql("SELECT id, pixels FROM digits_capture WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
				+ ")").params(ids).query(row -> {
					found.put(row.getString("id"), row.getBytes("pixels"));
				});
		return found;
	}

	@Override
	public List<Capture> newestFirst(CaptureFilter filter, long offset, int limit) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> params = new ArrayList<>();
		if (filter.lowConfidence() != null) {
			where.append(filter.lowConfidence() ? " AND " : " AND NOT ").append(LOW_CONFIDENCE);
		}
		if (filter.modelId() != null) {
			where.append(" AND model_id = ?");
			params.add(filter.modelId());
		}
		if (filter.labelled() != null) {
			where.append(filter.labelled() ? " AND label IS NOT NULL" : " AND label IS NULL");
		}
		if (filter.dataset() != null) {
			where.append(" AND dataset = ?");
			params.add(filter.dataset());
		}
		params.add(limit);
		params.add(offset);
		return jdbc.sql("SELECT " + COLUMNS + " FROM digits_capture" + where
				+ " ORDER BY captured_at DESC, id DESC LIMIT ? OFFSET ?").params(params).query(this::capture).list();
	}

	@Override
	public Optional<Capture> label(String id, int digit, Instant at) throws IOException {
		int updated = update("label capture " + id,
				() -> jdbc.sql("UPDATE digits_capture SET label = ?, labelled_at = ? WHERE id = ?")
					.params(digit, Timestamp.from(at), id)
					.update());
		return updated == 0 ? Optional.empty() : read(id);
	}

	@Override
	public boolean delete(String id) throws IOException {
		return update("delete capture " + id, () -> jdbc.sql("DELETE FROM digits_capture WHERE id = ?").param(id).update()) > 0;
	}

	@Override
	public int deleteAll() throws IOException {
		return update("delete the captures", () -> jdbc.sql("DELETE FROM digits_capture").update());
	}

	@Override
	public int deleteCapturedBefore(Instant cutoff) throws IOException {
		return update("delete the old captures",
				() -> jdbc.sql("DELETE FROM digits_capture WHERE captured_at < ?").param(Timestamp.from(cutoff)).update());
	}

	/** The first capture beyond the newest {@code count} and all older ones go: one walk of the time index. */
	@Override
	public int keepNewest(int count) throws IOException {
		return update("delete the oldest captures", () -> jdbc.sql("""
				DELETE FROM digits_capture WHERE (captured_at, id) <= (
					SELECT captured_at, id FROM digits_capture ORDER BY captured_at DESC, id DESC OFFSET ? LIMIT 1)
				""").param(count).update());
	}

	@Override
	public List<LabelledPixels> oldestLabelled(String dataset, int max) {
		return jdbc.sql("""
				SELECT id, label, pixels FROM digits_capture WHERE dataset = ? AND label IS NOT NULL
				ORDER BY captured_at, id LIMIT ?
				""")
			.params(dataset, max)
			.query((row, n) -> new LabelledPixels(row.getString("id"), row.getInt("label"), row.getBytes("pixels")))
			.list();
	}

	private Capture capture(ResultSet row, int n) throws SQLException {
		Timestamp labelledAt = row.getTimestamp("labelled_at");
		Integer label = row.getObject("label") == null ? null : row.getInt("label");
		return new Capture(row.getString("id"), row.getString("model_id"), row.getString("dataset"), row.getInt("digit"),
				row.getFloat("confidence"), json.readValue(row.getString("flags"), FLAGS),
				row.getTimestamp("captured_at").toInstant(), label, labelledAt == null ? null : labelledAt.toInstant());
	}

	@FunctionalInterface
	private interface Update {

		int run();

	}

	/** A write the database refused is an I/O failure of the store, as a file store's would be. */
	private static int update(String what, Update update) throws IOException {
		try {
			return update.run();
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not " + what, ex);
		}
	}

}

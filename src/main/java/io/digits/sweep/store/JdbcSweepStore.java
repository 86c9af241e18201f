package io.digits.sweep.store;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.LostConnectionRetry;
import io.digits.shared.StoreMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared mode's sweeps, in PostgreSQL ({@code digits_sweep}, db/migration V3): the record as JSON. A sweep's
 * decisions are serialised across the cluster by a transaction-scoped advisory lock on its id; what the work writes
 * (a trial's job and its queue entry, the sweep's record) joins that transaction, so it is stored whole or not at all.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class JdbcSweepStore implements SweepStore {

	private static final Logger log = LoggerFactory.getLogger(JdbcSweepStore.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	JdbcSweepStore(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void create(SweepRecord record) throws IOException {
		try {
			jdbc.sql("INSERT INTO digits_sweep (id, created_at, state, record) VALUES (?, ?, ?, ?::jsonb)")
				.params(record.id(), Timestamp.from(record.createdAt()), record.state().name(),
						json.writeValueAsString(record))
				.update();
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not store sweep " + record.id(), ex);
		}
	}

	@Override
	public void save(SweepRecord record) {
		try {
			String asJson = json.writeValueAsString(record);
			LostConnectionRetry.call(() -> jdbc.sql("""
					UPDATE digits_sweep SET state = ?, record = ?::jsonb, updated_at = now() WHERE id = ?
					""").params(record.state().name(), asJson, record.id()).update());
		}
		catch (DataAccessException ex) {
			log.error("Cannot store sweep {}: {}", record.id(), ex.getMostSpecificCause().toString());
		}
	}

	@Override
	public Optional<SweepRecord> read(String id) {
		return jdbc.sql("SELECT record::text FROM digits_sweep WHERE id = ?")
			.param(id)
			.query((row, n) -> json.readValue(row.getString(1), SweepRecord.class))
			.optional();
	}

	@Override
	public List<SweepRecord> newestFirst(int page, int size) {
		return jdbc.sql("SELECT record::text FROM digits_sweep ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(size, (long) page * size)
			.query((row, n) -> json.readValue(row.getString(1), SweepRecord.class))
			.list();
	}

	@Override
	public List<String> unfinished() {
		return jdbc.sql("SELECT id FROM digits_sweep WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_at")
			.query(String.class)
			.list();
	}

	@Override
	public <T> T locked(String id, Supplier<T> work) {
		return transactions.execute(status -> {
			jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('digits-sweep:' || ?))").param(id).query((row, n) -> n).list();
			return work.get();
		});
	}

}

package io.digits.training.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.LostConnectionRetry;
import io.digits.shared.StoreMode;
import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.TrainingRun;
import io.digits.training.status.JobState;
import io.digits.training.status.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared mode's jobs, in PostgreSQL (schema: db/migration): the record as JSON, the loss curve as CSV, the
 * checkpoint's network as bytes. Each write is one statement, so a replica killed at any point leaves the previous
 * state or the new one: what temporary files and renames do for {@link FileJobStore}. The training thread's writes are
 * tried again (LostConnectionRetry) when the database dropped their connection, so a running job outlives a database restart.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
public class JdbcJobStore implements JobStore {

	private static final Logger log = LoggerFactory.getLogger(JdbcJobStore.class);

	private static final List<String> FINAL_STATES = Arrays.stream(JobState.values())
		.filter(JobState::isFinal)
		.map(JobState::name)
		.toList();

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public JdbcJobStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public List<StoredJob> readAll() {
		List<StoredJob> jobs = new ArrayList<>();
		jdbc.sql("SELECT id, record::text AS record, loss_csv FROM digits_job ORDER BY created_at, id").query(rows -> {
			String id = rows.getString("id");
			try {
				JobRecord record = json.readValue(rows.getString("record"), JobRecord.class);
				jobs.add(new StoredJob(record, readLoss(rows.getString("loss_csv"))));
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Ignoring unreadable job {}: {}", id, ex.getMessage());
			}
		});
		return jobs;
	}

	@Override
	public void create(JobRecord record) throws IOException {
		try {
			jdbc.sql("INSERT INTO digits_job (id, created_at, state, record) VALUES (?, ?, ?, ?::jsonb)")
				.params(record.id(), Timestamp.from(record.createdAt()), record.state().name(), json.writeValueAsString(record))
				.update();
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not store job " + record.id(), ex);
		}
	}

	@Override
	public void save(JobRecord record) {
		try {
			String asJson = json.writeValueAsString(record);
			LostConnectionRetry.call(() -> jdbc.sql("""
					INSERT INTO digits_job (id, created_at, state, record) VALUES (?, ?, ?, ?::jsonb)
					ON CONFLICT (id) DO UPDATE SET state = excluded.state, record = excluded.record, updated_at = now()
					""")
				.params(record.id(), Timestamp.from(record.createdAt()), record.state().name(), asJson)
				.update());
		}
		catch (DataAccessException ex) {
			log.error("Cannot store job {}: {}", record.id(), ex.getMostSpecificCause().toString());
		}
	}

	@Override
	public void saveLoss(String id, List<LossPoint> points) {
		try {
			StringWriter csv = new StringWriter();
			LossCsv.write(points, csv);
			LostConnectionRetry.call(() -> jdbc.sql("UPDATE digits_job SET loss_csv = ?, updated_at = now() WHERE id = ?")
				.params(csv.toString(), id)
				.update());
		}
		catch (IOException | DataAccessException ex) {
			log.error("Cannot store the loss curve of job {}: {}", id, ex.toString());
		}
	}

	@Override
	public void saveCheckpoint(String id, MultiLayerNetwork network, Checkpoint checkpoint) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ModelSerializer.writeModel(network, bytes, true);
		byte[] zip = bytes.toByteArray();
		try {
			LostConnectionRetry.call(() -> jdbc.sql("""
					INSERT INTO digits_job_checkpoint (job_id, epochs_done, batches_into_epoch, iteration, network)
					VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (job_id) DO UPDATE SET epochs_done = excluded.epochs_done,
						batches_into_epoch = excluded.batches_into_epoch, iteration = excluded.iteration,
						network = excluded.network, saved_at = now()
					""")
				.params(id, checkpoint.epochsDone(), checkpoint.batchesIntoEpoch(), checkpoint.iteration(), zip)
				.update());
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not store the checkpoint of job " + id, ex);
		}
	}

	@Override
	public Optional<TrainingRun.Resumable> loadCheckpoint(String id) {
		try {
			return jdbc.sql("""
					SELECT epochs_done, batches_into_epoch, iteration, network FROM digits_job_checkpoint WHERE job_id = ?
					""").param(id).query((row, n) -> {
				Checkpoint checkpoint = new Checkpoint(row.getInt("epochs_done"), row.getInt("batches_into_epoch"),
						row.getLong("iteration"));
				try {
					return new TrainingRun.Resumable(checkpoint, ModelSerializer
						.restoreMultiLayerNetwork(new ByteArrayInputStream(row.getBytes("network")), true));
				}
				catch (IOException ex) {
					throw new IllegalStateException("its network cannot be read: " + ex.getMessage(), ex);
				}
			}).optional();
		}
		catch (DataAccessException | IllegalStateException ex) {
			log.warn("Checkpoint of job {} is unreadable: {}", id, ex.toString());
			return Optional.empty();
		}
	}

	@Override
	public boolean hasCheckpoint(String id) {
		return jdbc.sql("SELECT count(*) FROM digits_job_checkpoint WHERE job_id = ?").param(id).query(Long.class).single() > 0;
	}

	@Override
	public void deleteCheckpoint(String id) {
		try {
			jdbc.sql("DELETE FROM digits_job_checkpoint WHERE job_id = ?").param(id).update();
		}
		catch (DataAccessException ex) {
			log.warn("Cannot delete the checkpoint of job {}: {}", id, ex.getMostSpecificCause().toString());
		}
	}

	@Override
	public void delete(String id) {
		try {
			jdbc.sql("DELETE FROM digits_job WHERE id = ?").param(id).update();
		}
		catch (DataAccessException ex) {
			log.warn("Cannot delete stored job {}: {}", id, ex.getMostSpecificCause().toString());
		}
	}

	@Override
	public Optional<StoredJob> read(String id) {
		return jdbc.sql("SELECT record::text AS record, loss_csv FROM digits_job WHERE id = ?").param(id).query((row, n) -> {
			try {
				return new StoredJob(json.readValue(row.getString("record"), JobRecord.class),
						readLoss(row.getString("loss_csv")));
			}
			catch (IOException ex) {
				throw new IllegalStateException("job " + id + " is unreadable: " + ex.getMessage(), ex);
			}
		}).optional();
	}

	/** Filtered, sorted and paged by the database, which reads only the page's records back. */
	@Override
	public List<JobRecord> list(JobFilter filter, int page, int size) {
		return JobListQuery.statement(jdbc, filter, page, size)
			.query((row, n) -> json.readValue(row.getString(1), JobRecord.class))
			.list();
	}

	@Override
	public int count() {
		return jdbc.sql("SELECT count(*) FROM digits_job").query(Integer.class).single();
	}

	@Override
	public int countInState(JobState state) {
		return jdbc.sql("SELECT count(*) FROM digits_job WHERE state = ?").param(state.name()).query(Integer.class).single();
	}

	@Override
	public void forgetFinishedBeyond(int retained) {
		try {
			jdbc.sql("""
					DELETE FROM digits_job WHERE id IN (SELECT id FROM digits_job WHERE state IN (:finals)
						ORDER BY created_at DESC, id DESC OFFSET :retained)
					""")
				.param("finals", FINAL_STATES)
				.param("retained", retained)
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("Cannot forget old finished jobs: {}", ex.getMostSpecificCause().toString());
		}
	}

	private static List<LossPoint> readLoss(String csv) throws IOException {
		return csv == null ? new ArrayList<>() : new ArrayList<>(LossCsv.read(new StringReader(csv)));
	}

}

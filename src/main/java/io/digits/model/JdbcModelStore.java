package io.digits.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.LostConnectionRetry;
import io.digits.shared.StoreMode;
import org.apache.commons.codec.digest.DigestUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared mode's models, in PostgreSQL: metadata as JSON and the DL4J zip as bytes, with its size and SHA-256, in
 * one row written by one statement, so a replica killed mid-write leaves no model at all rather than half of one. The
 * server checks the stored bytes against the recorded size and checksum when the models are read, without sending
 * them. Models of this service are 0.4 to 3 MB (120 MB for the largest network a job may ask for); bytea holds up to
 * 1 GB, but every read holds the whole model in memory twice (the driver's buffer and the network), which is where
 * PostgreSQL large objects or an object store would take over.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class JdbcModelStore implements ModelStore {

	private static final Logger log = LoggerFactory.getLogger(JdbcModelStore.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcModelStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public List<Found> readAll() {
		List<Found> models = new ArrayList<>();
		jdbc.sql("""
				SELECT id, metadata::text AS metadata, file_bytes, sha256, octet_length(file) AS stored_bytes,
					encode(sha256(file), 'hex') AS stored_sha256
				FROM digits_model ORDER BY created_at, id
				""").query(rows -> {
			ModelMetadata metadata;
			try {
				metadata = json.readValue(rows.getString("metadata"), ModelMetadata.class);
			}
			catch (RuntimeException ex) {
				log.warn("Ignoring model {}: its metadata is unreadable ({})", rows.getString("id"), ex.getMessage());
				return;
			}
			String problem = null;
			if (rows.getLong("stored_bytes") != rows.getLong("file_bytes")) {
				problem = "its model file has %d bytes, %d were written".formatted(rows.getLong("stored_bytes"),
						rows.getLong("file_bytes"));
			}
			else if (!rows.getString("stored_sha256").equals(rows.getString("sha256"))) {
				problem = "its model file is corrupted (SHA-256 differs from the one recorded)";
			}
			if (problem != null) {
				log.error("Model {} is unusable: {}", metadata.id(), problem);
			}
			models.add(new Found(metadata, problem));
		});
		return models;
	}

	@Override
	public ModelMetadata save(MultiLayerNetwork network, String id, Instant createdAt, TrainingReport report)
			throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ModelSerializer.writeModel(network, out, true);
		byte[] file = out.toByteArray();
		ModelMetadata metadata = ModelMetadata.of(id, createdAt, network.numParams(), file.length,
				DigestUtils.sha256Hex(file), report);
		String asJson = json.writeValueAsString(metadata);
		try {
			// a job's end: tried again on a dropped connection, as the job's own writes are
			LostConnectionRetry.call(() -> jdbc.sql("""
					INSERT INTO digits_model (id, created_at, metadata, file, file_bytes, sha256)
					VALUES (?, ?, ?::jsonb, ?, ?, ?)
					""")
				.params(id, Timestamp.from(createdAt), asJson, file, file.length, metadata.sha256())
				.update());
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not store model " + id, ex);
		}
		return metadata;
	}

	@Override
	public MultiLayerNetwork load(String id) throws IOException {
		return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(checkedFile(id)), false);
	}

	@Override
	public Resource file(String id) {
		try {
			return new ByteArrayResource(checkedFile(id));
		}
		catch (IOException ex) {
			throw new ModelUnusableException(id, ex.getMessage());
		}
	}

	/** The model's bytes, checked again against their checksum: a row changed since the start is never used. */
	private byte[] checkedFile(String id) throws IOException {
		record File(byte[] bytes, String sha256) {
		}
		File file;
		try {
			file = jdbc.sql("SELECT file, sha256 FROM digits_model WHERE id = ?")
				.param(id)
				.query((row, n) -> new File(row.getBytes("file"), row.getString("sha256")))
				.optional()
				.orElseThrow(() -> new IOException("model %s is not in the database".formatted(id)));
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not give model " + id, ex);
		}
		if (!DigestUtils.sha256Hex(file.bytes()).equals(file.sha256())) {
			throw new IOException("its model file is corrupted (SHA-256 differs from the one recorded)");
		}
		return file.bytes();
	}

	@Override
	public void delete(String id) throws IOException {
		try {
			jdbc.sql("DELETE FROM digits_model WHERE id = ?").param(id).update();
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not delete model " + id, ex);
		}
	}

	@Override
	public Optional<String> readActiveId() {
		return jdbc.sql("SELECT model_id FROM digits_active_model").query(String.class).optional();
	}

	@Override
	public void writeActiveId(String id) throws IOException {
		try {
			jdbc.sql("""
					INSERT INTO digits_active_model (singleton, model_id) VALUES (true, ?)
					ON CONFLICT (singleton) DO UPDATE SET model_id = excluded.model_id, changed_at = now()
					""").param(id).update();
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not record model %s as active".formatted(id), ex);
		}
	}

}

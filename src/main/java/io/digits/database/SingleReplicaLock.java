package io.digits.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One replica per database, until jobs are shared through a cluster-safe queue: two replicas would each queue again,
 * and train, the same unfinished jobs at their start. A session-level advisory lock, held on a connection of its own
 * for as long as the replica lives, refuses a second one at start with a readable reason; PostgreSQL releases it the
 * moment the holder's connection ends, a SIGKILL included.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class SingleReplicaLock {

	private static final Logger log = LoggerFactory.getLogger(SingleReplicaLock.class);

	private final Connection connection;

	SingleReplicaLock(DatabaseProperties properties) {
		try {
			this.connection = properties.connect();
			// a replica killed a moment ago may still hold it until its server process notices the closed socket
			long deadline = System.nanoTime() + properties.connectTimeout().toNanos();
			while (!tryLock()) {
				if (System.nanoTime() > deadline) {
					connection.close();
					throw new AnotherReplicaException(properties.safeUrl());
				}
				Thread.sleep(250);
			}
		}
		catch (SQLException ex) {
			throw new DatabaseUnreachableException(properties.safeUrl(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while taking the replica lock", ex);
		}
		log.info("This replica holds the database's replica lock (one replica per database for now)");
	}

	private boolean tryLock() throws SQLException {
		// keyed by the schema too: deployments in schemas of one database (the tests' are) are apart
		try (PreparedStatement lock = connection
			.prepareStatement("SELECT pg_try_advisory_lock(hashtext('digits-replica:' || current_schema()))")) {
			try (ResultSet result = lock.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	@PreDestroy
	void release() throws SQLException {
		connection.close();
	}

	/** A second replica on the same database: refused at start, until jobs are shared across replicas. */
	static class AnotherReplicaException extends RuntimeException {

		AnotherReplicaException(String safeUrl) {
			super("Another Digits replica already uses the database at " + safeUrl);
		}

	}

}

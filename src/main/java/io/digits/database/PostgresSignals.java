package io.digits.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.digits.shared.ClusterSignals;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.ReplicaName;
import io.digits.shared.StoreMode;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link ClusterSignals} over PostgreSQL's LISTEN/NOTIFY. A thread of its own holds one connection outside the pool,
 * listening on every subscribed channel, and hands each notification to its handlers. When that connection fails (the
 * database restarted) it connects again every second and then asks every subscriber to resync. Channels are named
 * after the schema too, so deployments in schemas of one database (the tests') do not hear each other.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class PostgresSignals implements ClusterSignals, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresSignals.class);

	/** How long one wait for notifications lasts: the longest a stop waits for the listener. */
	private static final int WAIT_MILLIS = 250;

	private final JdbcClient jdbc;

	private final DatabaseProperties properties;

	private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

	private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();

	private final String schema;

	private final ReplicaName replica;

	private volatile Thread listener;

	PostgresSignals(JdbcClient jdbc, DatabaseProperties properties, ReplicaName replica) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.replica = replica;
		this.schema = jdbc.sql("SELECT current_schema()").query(String.class).single();
	}

	@Override
	public void send(String channel, String payload) {
		jdbc.sql("SELECT pg_notify(?, ?)").params(qualified(channel), payload).query((row, n) -> n).list();
	}

	@Override
	public void subscribe(String channel, Consumer<String> handler) {
		if (listener != null) {
			throw new IllegalStateException("subscribe before the replica starts: channel " + channel);
		}
		handlers.computeIfAbsent(qualified(channel), name -> new CopyOnWriteArrayList<>()).add(handler);
	}

	@Override
	public void onResync(Runnable resync) {
		resyncs.add(resync);
	}

	private String qualified(String channel) {
		return schema + ":" + channel;
	}

	private String applicationName() {
		String name = "digits@" + replica.get();
		return name.substring(0, Math.min(63, name.length()));
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::listen, "cluster-signals");
		thread.setDaemon(true);
		listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = listener;
		listener = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return listener != null;
	}

	private void listen() {
		boolean connectedBefore = false, failing = false;
		while (listener == Thread.currentThread()) {
			try (Connection connection = properties.connect()) {
				try (Statement statement = connection.createStatement()) {
					// named like the pool's connections, so pg_stat_activity shows whose it is
					statement.execute("SET application_name = '" + applicationName().replace("'", "''") + "'");
					for (String channel : handlers.keySet()) {
						statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
					}
				}
				if (failing) {
					log.info("Listening for other replicas' changes again");
				}
				if (connectedBefore) {
					resyncs.forEach(this::runQuietly);
				}
				connectedBefore = true;
				failing = false;
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (listener == Thread.currentThread()) {
					PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
					if (received != null) {
						for (PGNotification notification : received) {
							dispatch(notification);
						}
					}
				}
			}
			catch (SQLException ex) {
				if (!failing) {
					log.warn("Lost the connection that hears other replicas' changes ({}); reconnecting every second",
							ex.getMessage());
				}
				failing = true;
				if (!sleep(1000)) {
					return;
				}
			}
		}
	}

	private void dispatch(PGNotification notification) {
		for (Consumer<String> handler : handlers.getOrDefault(notification.getName(), List.of())) {
			runQuietly(() -> handler.accept(notification.getParameter()));
		}
	}

	private void runQuietly(Runnable handler) {
		try {
			handler.run();
		}
		catch (RuntimeException ex) {
			log.warn("A handler of other replicas' changes failed: {}", ex.toString());
		}
	}

	private static boolean sleep(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

}

package io.digits.rollout;

import java.io.IOException;
import java.util.Optional;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The shared mode's routing: the one row of {@code digits_routing} (db/migration V4), replaced in one statement. */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class JdbcRoutingStore implements RoutingStore {

	private static final Logger log = LoggerFactory.getLogger(JdbcRoutingStore.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcRoutingStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public Optional<Routing> read() {
		Optional<String> row = jdbc.sql("SELECT routing FROM digits_routing").query(String.class).optional();
		try {
			return row.map(routing -> json.readValue(routing, Routing.class));
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring the unreadable routing in digits_routing: {}; the active model answers alone", ex.getMessage());
			return Optional.empty();
		}
	}

	@Override
	public void write(Routing routing) throws IOException {
		try {
			jdbc.sql("""
					INSERT INTO digits_routing (singleton, routing) VALUES (true, ?::jsonb)
					ON CONFLICT (singleton) DO UPDATE SET routing = excluded.routing, changed_at = now()
					""").param(json.writeValueAsString(routing)).update();
		}
		catch (DataAccessException ex) {
			throw new IOException("the database did not record the routing", ex);
		}
	}

}

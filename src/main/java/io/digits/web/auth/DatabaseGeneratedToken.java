package io.digits.web.auth;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared mode's generated token, in the database ({@code digits_setting}, name {@code api-token}): the first
 * replica's insert wins, and every replica reads that one, never a token of its own.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class DatabaseGeneratedToken implements GeneratedToken {

	private static final Logger log = LoggerFactory.getLogger(DatabaseGeneratedToken.class);

	private static final String NAME = "api-token";

	private final JdbcClient jdbc;

	DatabaseGeneratedToken(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String readOrStore(String fresh) {
		int inserted = jdbc.sql("INSERT INTO digits_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
			.params(NAME, fresh)
			.update();
		String token = jdbc.sql("SELECT value FROM digits_setting WHERE name = ?").param(NAME).query(String.class).single();
		log.info("API token: {} the database (SELECT value FROM digits_setting WHERE name = 'api-token'); send it as "
				+ "'Authorization: Bearer <token>'", inserted == 1 ? "generated and stored in" : "read from");
		return token;
	}

}

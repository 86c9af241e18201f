package io.digits.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The shared store answers: a replica that cannot reach the database can neither store jobs nor read models, so it
 * is not ready (the readiness group holds "store" in both modes), and the details say why.
 */
@Component("store")
@ConditionalOnStoreMode(StoreMode.SHARED)
class DatabaseHealthIndicator implements HealthIndicator {

	private static final int TIMEOUT_SECONDS = 2;

	private final DataSource dataSource;

	private final String safeUrl;

	DatabaseHealthIndicator(DataSource dataSource, DatabaseProperties properties) {
		this.dataSource = dataSource;
		this.safeUrl = properties.safeUrl();
	}

	@Override
	public Health health() {
		Health.Builder health;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(TIMEOUT_SECONDS);
			statement.execute("SELECT 1");
			health = Health.up();
		}
		catch (SQLException ex) {
			health = Health.down().withDetail("error", "the database cannot be reached: " + ex.getMessage());
		}
		return health.withDetail("mode", "shared").withDetail("database", safeUrl).build();
	}

}

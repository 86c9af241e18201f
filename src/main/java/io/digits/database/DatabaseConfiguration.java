package io.digits.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.ReplicaName;
import io.digits.shared.StoreMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared mode's connection pool, made only when {@code digits.database.url} is set (Boot's own DataSource
 * auto-configuration is left out, see DigitsApplication, so the embedded default never looks for a database). Flyway,
 * Boot's JdbcClient, its transaction manager and its pool metrics follow from this bean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStoreMode(StoreMode.SHARED)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	DataSource dataSource(DatabaseProperties properties, ReplicaName replica) {
		checkReachable(properties);
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("digits");
		pool.setJdbcUrl(properties.url());
		pool.setUsername(properties.user());
		pool.setPassword(properties.password());
		pool.setMaximumPoolSize(properties.poolSize());
		pool.setConnectionTimeout(properties.connectTimeout().toMillis());
		// pg_stat_activity then says which replica holds which connection (PostgreSQL keeps 63 characters)
		String applicationName = "digits@" + replica.get();
		pool.addDataSourceProperty("ApplicationName",
				applicationName.substring(0, Math.min(63, applicationName.length())));
		// reachable a moment ago: the pool opens its connections lazily, and one that fails later is retried by it
		pool.setInitializationFailTimeout(-1);
		log.info("Shared mode: state in the database at {}", properties.safeUrl());
		return pool;
	}

	/**
	 * One connection before the pool exists: the pool's own first failure is logged as a stack trace, while this
	 * one ends the start with the URL and the reason (DatabaseFailureAnalyzer).
	 */
	private static void checkReachable(DatabaseProperties properties) {
		try (Connection connection = properties.connect()) {
			connection.isValid((int) properties.connectTimeout().toSeconds());
		}
		catch (SQLException ex) {
			throw new DatabaseUnreachableException(properties.safeUrl(), ex);
		}
	}

}

package io.digits.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL the shared mode's tests run against, chosen by one property, {@code digits.test.database} (or env
 * {@code DIGITS_TEST_DATABASE}):
 * <ul>
 * <li>{@code local}, the default: the server every machine of this project runs, at {@code digits.test.database-url}
 * (env {@code DIGITS_TEST_DATABASE_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}) as
 * {@code digits.test.database-user} (default {@code postgres}). Unreachable, the tests fail saying how to start it.</li>
 * <li>{@code testcontainers}: a PostgreSQL 15 container, for machines with a Docker engine; skipped, saying so, where
 * there is none.</li>
 * </ul>
 * Each caller gets a schema of its own, dropped when it closes, so test classes and concurrent builds on one server
 * never see each other's rows.
 */
public final class TestDatabase {

	private static PostgreSQLContainer container;

	private TestDatabase() {
	}

	/** A fresh schema, migrated by the service's own Flyway scripts. */
	public static Schema freshSchema() {
		Server server = server();
		String name = "digits_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password())) {
			connection.createStatement().execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(("PostgreSQL is not reachable at %s as %s (%s). Start it with "
					+ "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, point "
					+ "DIGITS_TEST_DATABASE_URL at another, or run with -Ddigits.test.database=testcontainers")
				.formatted(server.url(), server.user(), ex.getMessage()), ex);
		}
		String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
		Schema schema = new Schema(name, url, server.user(), server.password());
		Flyway.configure().dataSource(url, server.user(), server.password()).schemas(name).load().migrate();
		return schema;
	}

	private record Server(String url, String user, String password) {
	}

	private static synchronized Server server() {
		String kind = setting("digits.test.database", "local").toLowerCase(Locale.ROOT);
		if (kind.equals("testcontainers")) {
			Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
					"digits.test.database=testcontainers, and there is no Docker engine here: skipped");
			if (container == null) {
				container = new PostgreSQLContainer("postgres:15-alpine");
				container.start();
			}
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		if (!kind.equals("local")) {
			throw new IllegalArgumentException("digits.test.database is local or testcontainers, not " + kind);
		}
		return new Server(setting("digits.test.database-url", "jdbc:postgresql://127.0.0.1:5432/test"),
				setting("digits.test.database-user", "postgres"), setting("digits.test.database-password", ""));
	}

	private static String setting(String property, String fallback) {
		String value = System.getProperty(property);
		if (value == null) {
			value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
		}
		return value == null || value.isBlank() ? fallback : value;
	}

	/**
	 * A fresh schema for each test of a class, dropped after it:
	 * {@code @RegisterExtension final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();}
	 */
	public static final class FreshSchema implements BeforeEachCallback, AfterEachCallback {

		private Schema schema;

		public Schema schema() {
			return schema;
		}

		@Override
		public void beforeEach(ExtensionContext context) {
			schema = freshSchema();
		}

		@Override
		public void afterEach(ExtensionContext context) {
			if (schema != null) {
				schema.close();
			}
		}

	}

	/** One test's schema: its URL (for a service's digits.database.url), a DataSource, and a drop when done. */
	public record Schema(String name, String url, String user, String password) implements AutoCloseable {

		/** What a service started on this schema is given: its digits.database settings. */
		public String[] serviceArguments() {
			return password.isEmpty() ? new String[] { "--digits.database.url=" + url, "--digits.database.user=" + user }
					: new String[] { "--digits.database.url=" + url, "--digits.database.user=" + user,
							"--digits.database.password=" + password };
		}

		public DataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL(url);
			dataSource.setUser(user);
			dataSource.setPassword(password);
			return dataSource;
		}

		@Override
		public void close() {
			Server at = server();
			try (Connection connection = DriverManager.getConnection(at.url(), at.user(), at.password())) {
				connection.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot drop the test schema " + name, ex);
			}
		}

	}

}

package io.digits.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared mode's database. Set {@code url} and Digits keeps its state in PostgreSQL instead of files; leave it out
 * and no connection is ever made.
 *
 * @param url a JDBC URL, {@code jdbc:postgresql://host:5432/digits} (env {@code DIGITS_DATABASE_URL})
 * @param user env {@code DIGITS_DATABASE_USER}, when the server asks for one
 * @param password env {@code DIGITS_DATABASE_PASSWORD}
 * @param poolSize connections per replica: requests, the training thread's checkpoints and the job engine share them
 * @param connectTimeout how long a connection may take before the replica gives up (at start: exits, saying why)
 */
@ConfigurationProperties("digits.database")
@Validated
public record DatabaseProperties(String url, String user, String password,
		@Min(2) @Max(100) @DefaultValue("10") int poolSize, @NotNull @DefaultValue("5s") Duration connectTimeout) {

	/** The URL without its parameters, which may hold a password: what messages and health details show. */
	public String safeUrl() {
		if (url == null) {
			return "";
		}
		int parameters = url.indexOf('?');
		return parameters < 0 ? url : url.substring(0, parameters);
	}

	/**
	 * A connection of its own, outside the pool (the start's reachability check, the replica lock), bounded by
	 * {@code connectTimeout}.
	 */
	Connection connect() throws SQLException {
		Properties login = new Properties();
		if (user != null) {
			login.setProperty("user", user);
		}
		if (password != null) {
			login.setProperty("password", password);
		}
		String seconds = String.valueOf(Math.max(1, connectTimeout.toSeconds()));
		login.setProperty("connectTimeout", seconds);
		login.setProperty("loginTimeout", seconds);
		return DriverManager.getConnection(url, login);
	}

	@Override
	public String toString() {
		return "DatabaseProperties[url=%s, user=%s, poolSize=%d]".formatted(safeUrl(), user, poolSize);
	}

}

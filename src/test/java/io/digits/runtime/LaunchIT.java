package io.digits.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.digits.support.DigitsProcess;
import io.digits.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started bare ({@code java -jar}, as a newcomer might) still serves, bounds what it can from inside,
 * and says once what it misses and how to start it; started as the README says, it says nothing.
 */
@SlowTest
class LaunchIT {

	@TempDir
	Path store;

	@Test
	void aBareStartServesAndWarnsOnceNamingWhatIsMissingAndHowToStart() throws Exception {
		try (DigitsProcess bare = DigitsProcess.startBare(store, "launch-bare")) {
			assertThat(bare.client().get("/actuator/health/liveness").status()).isEqualTo(200);

			List<String> warnings = bare.log().lines().filter(line -> line.contains("Started without")).toList();
			assertThat(warnings).hasSize(1);
			assertThat(warnings.get(0)).contains("WARN")
				.contains("OMP_NUM_THREADS")
				.contains("a GC pause goal")
				.contains("a heap bound")
				.contains("OMP_NUM_THREADS=1 java @jvm.options -jar target/digits.jar");
		}
	}

	/**
	 * The shared mode's database down at start: the replica exits at once with two readable paragraphs naming the URL
	 * (never its parameters, which may hold a password), not a wall of stack traces, and writes nothing.
	 */
	@Test
	void aReplicaWhoseDatabaseIsDownExitsNamingItWithoutAStackTrace() throws Exception {
		DigitsProcess.Exited exited = DigitsProcess.startExpectingExit(store, "launch-no-database", Duration.ofSeconds(90),
				"--digits.database.url=jdbc:postgresql://127.0.0.1:1/digits?password=secret-in-url");

		assertThat(exited.exitCode()).isNotZero();
		assertThat(exited.log()).contains("APPLICATION FAILED TO START")
			.contains("Cannot connect to the database at jdbc:postgresql://127.0.0.1:1/digits: Connection to 127.0.0.1:1 refused")
			.contains("Start PostgreSQL at jdbc:postgresql://127.0.0.1:1/digits, or correct DIGITS_DATABASE_URL")
			.doesNotContain("secret-in-url")
			.doesNotContainPattern("(?m)^\\s+at [a-z]");
		assertThat(store).isEmptyDirectory();
	}

	@Test
	void startedAsTheReadmeSaysItHasNothingToWarnAbout() throws Exception {
		try (DigitsProcess documented = DigitsProcess.start(store, "launch-documented")) {
			assertThat(documented.client().get("/actuator/health/liveness").status()).isEqualTo(200);

			assertThat(documented.log()).doesNotContain("Started without").contains("ND4J threads set by OMP_NUM_THREADS=1");
		}
	}

}

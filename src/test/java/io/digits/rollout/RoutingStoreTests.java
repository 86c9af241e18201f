package io.digits.rollout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.digits.shared.StoreProperties;
import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Both stores keep the routing across a reopening (a restart), replaced whole. */
class RoutingStoreTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Routing FIRST = new Routing(new Routing.Canary("model-00000000000b", 12.5, "X-Client"),
			new Routing.Shadow("model-00000000000c", 100), Instant.parse("2026-11-30T12:00:00Z"));

	private static final Routing SECOND = new Routing(null, new Routing.Shadow("model-00000000000d", 5),
			Instant.parse("2026-11-30T12:05:00Z"));

	@TempDir
	Path dir;

	@RegisterExtension
	final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();

	@Test
	void theFileStoreKeepsTheLastRoutingAndIgnoresAnUnreadableFile() throws Exception {
		assertThat(file().read()).isEmpty();
		file().write(FIRST);
		file().write(SECOND);

		assertThat(file().read()).contains(SECOND);

		Files.writeString(dir.resolve("routing.json"), "{\"canary\": ");
		assertThat(file().read()).isEmpty();
	}

	@Test
	void theDatabaseKeepsOneRoutingForEveryReplica() throws Exception {
		assertThat(jdbc().read()).isEmpty();
		jdbc().write(FIRST);
		assertThat(jdbc().read()).contains(FIRST);
		jdbc().write(SECOND);

		assertThat(jdbc().read()).contains(SECOND);
		assertThat(JdbcClient.create(database.schema().dataSource()).sql("SELECT count(*) FROM digits_routing")
			.query(Integer.class).single()).isEqualTo(1);
	}

	private FileRoutingStore file() {
		return new FileRoutingStore(new StoreProperties(dir, 1, org.springframework.util.unit.DataSize.ofMegabytes(1)), JSON);
	}

	private JdbcRoutingStore jdbc() {
		return new JdbcRoutingStore(JdbcClient.create(database.schema().dataSource()), JSON);
	}

}

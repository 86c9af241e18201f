package io.digits.model;

import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The PostgreSQL store (a schema of its own per test, see TestDatabase): the contract, and the database's own rules. */
class JdbcModelStoreTests extends ModelStoreContract {

	@RegisterExtension
	final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();

	@Override
	ModelStore reopen() {
		return new JdbcModelStore(JdbcClient.create(database.schema().dataSource()), JsonMapper.builder().build());
	}

	@Override
	void corrupt(String id) {
		JdbcClient.create(database.schema().dataSource())
			.sql("UPDATE digits_model SET file = set_byte(file, octet_length(file) / 2, get_byte(file, octet_length(file) / 2) # 90) WHERE id = ?")
			.param(id)
			.update();
	}

	/**
	 * Whatever a replica's own check missed (another replica activated it meanwhile), the database keeps the active
	 * model: its deletion fails, and the model stays whole.
	 */
	@Test
	void theActiveModelCannotBeDeletedEvenPastTheServicesOwnCheck() throws Exception {
		ModelStore store = reopen();
		store.save(network(1), MODEL, java.time.Instant.parse("2026-11-29T21:00:00Z"), report());
		store.writeActiveId(MODEL);

		assertThat(catchThrowable(() -> store.delete(MODEL))).hasMessageContaining("did not delete model " + MODEL);

		assertThat(reopen().load(MODEL).params()).isEqualTo(network(1).params());
	}

}

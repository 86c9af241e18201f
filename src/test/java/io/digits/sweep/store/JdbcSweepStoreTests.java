package io.digits.sweep.store;

import io.digits.support.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The shared mode's sweeps, in PostgreSQL (a schema of its own per test, see TestDatabase). */
class JdbcSweepStoreTests extends SweepStoreContract {

	@RegisterExtension
	final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();

	@Override
	SweepStore reopen() {
		javax.sql.DataSource dataSource = database.schema().dataSource();
		return new JdbcSweepStore(JdbcClient.create(dataSource), JSON, new DataSourceTransactionManager(dataSource));
	}

	@Override
	boolean sharesLocksAcrossStores() {
		return true;
	}

}

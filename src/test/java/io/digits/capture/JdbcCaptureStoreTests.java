package io.digits.capture;

import java.util.List;

import io.digits.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The PostgreSQL store (a schema of its own per test, see TestDatabase): the contract, and the table's own rules. */
class JdbcCaptureStoreTests extends CaptureStoreContract {

	@RegisterExtension
	final TestDatabase.FreshSchema database = new TestDatabase.FreshSchema();

	@Override
	CaptureStore reopen() {
		return new JdbcCaptureStore(JdbcClient.create(database.schema().dataSource()), JsonMapper.builder().build());
	}

	/** Whatever the service's own checks missed, the table keeps only 28x28 images and digits: nothing is stored. */
	@Test
	void theTableRefusesAnImageThatIsNot784BytesOrADigitOutOf0To9() throws Exception {
		CaptureStore store = reopen();

		assertThat(catchThrowable(() -> store.insert(capture(1, "model-0123456789ab", "mnist", List.of()), new byte[783])))
			.hasMessageContaining("did not store capture " + id(1));
		Capture ten = new Capture(id(2), "model-0123456789ab", "mnist", 10, 0.9f, List.of(), T0, null, null);
		assertThat(catchThrowable(() -> store.insert(ten, pixels(2)))).hasMessageContaining("did not store");

		assertThat(reopen().newestFirst(CaptureFilter.ALL, 0, 10)).isEmpty();
	}

}

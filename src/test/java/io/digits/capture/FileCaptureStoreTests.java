package io.digits.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.digits.shared.StoreProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The file store: the contract, and what only files leave behind (interrupted writes). */
class FileCaptureStoreTests extends CaptureStoreContract {

	@TempDir
	Path storeDir;

	@Override
	CaptureStore reopen() {
		return new FileCaptureStore(new StoreProperties(storeDir, 4, DataSize.ofMegabytes(128)), JsonMapper.builder().build());
	}

	/** A crash between a capture's two files, or mid-write, leaves bytes without a capture: gone at the next start. */
	@Test
	void whatInterruptedWritesLeftIsDeletedAtStart() throws Exception {
		reopen().insert(capture(1, "model-0123456789ab", "mnist", List.of()), pixels(1));
		Path captures = storeDir.resolve("captures");
		Files.write(captures.resolve(id(2) + ".gray"), pixels(2));
		Files.write(captures.resolve(id(3) + ".json.tmp"), new byte[] { '{' });
		Files.writeString(captures.resolve("not-a-capture.json"), "{}");

		CaptureStore reopened = reopen();

		assertThat(reopened.newestFirst(CaptureFilter.ALL, 0, 10)).extracting(Capture::id).containsExactly(id(1));
		assertThat(captures.resolve(id(2) + ".gray")).doesNotExist();
		assertThat(captures.resolve(id(3) + ".json.tmp")).doesNotExist();
		assertThat(captures.resolve(id(1) + ".gray")).hasBinaryContent(pixels(1));
	}

}

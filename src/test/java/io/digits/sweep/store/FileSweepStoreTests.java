package io.digits.sweep.store;

import java.nio.file.Path;

import io.digits.shared.StoreProperties;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

/** The embedded mode's sweeps: one JSON file each under the store. */
class FileSweepStoreTests extends SweepStoreContract {

	@TempDir
	Path dir;

	@Override
	SweepStore reopen() {
		return new FileSweepStore(new StoreProperties(dir, 4, DataSize.ofMegabytes(1)), JSON);
	}

}

package io.digits.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.digits.shared.AtomicFiles;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.shared.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** The embedded default's generated token: {@code <store>/api-token}, readable by its owner only. The log names the file. */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class FileGeneratedToken implements GeneratedToken {

	private static final Logger log = LoggerFactory.getLogger(FileGeneratedToken.class);

	static final String FILE = "api-token";

	private final Path storeDir;

	FileGeneratedToken(StoreProperties store) {
		this.storeDir = store.dir();
	}

	@Override
	public String readOrStore(String fresh) {
		Path file = storeDir.resolve(FILE);
		try {
			if (Files.exists(file)) {
				String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
				if (!stored.isEmpty()) {
					log.info("API token: read from {}", file.toAbsolutePath());
					return stored;
				}
				log.warn("API token file {} is empty: generating a new token", file.toAbsolutePath());
			}
			Files.createDirectories(storeDir);
			Path temp = storeDir.resolve(FILE + ".tmp");
			Files.deleteIfExists(temp);
			Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temp, fresh + "\n", StandardCharsets.UTF_8);
			AtomicFiles.move(temp, file);
			log.info("API token: generated and written to {} (readable by its owner only); send it as "
					+ "'Authorization: Bearer <token>'", file.toAbsolutePath());
			return fresh;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the API token file " + file.toAbsolutePath(), ex);
		}
	}

}

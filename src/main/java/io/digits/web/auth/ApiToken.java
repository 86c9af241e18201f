package io.digits.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.digits.shared.AtomicFiles;
import io.digits.shared.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The bearer token: the configured one, else the one kept in the store, else a new random one written there with
 * owner-only permissions. The log names the file, never the token.
 */
@Component
public class ApiToken {

	private static final Logger log = LoggerFactory.getLogger(ApiToken.class);

	static final String FILE = "api-token";

	private final byte[] token;

	ApiToken(AuthProperties auth, StoreProperties store) {
		this.token = auth.enabled() ? resolve(auth, store.dir()).getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

	private static String resolve(AuthProperties auth, Path storeDir) {
		if (auth.token() != null && !auth.token().isBlank()) {
			log.info("API token: taken from DIGITS_API_TOKEN (digits.auth.token)");
			return auth.token().trim();
		}
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
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String generated = HexFormat.of().formatHex(random);
			Files.createDirectories(storeDir);
			Path temp = storeDir.resolve(FILE + ".tmp");
			Files.deleteIfExists(temp);
			Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temp, generated + "\n", StandardCharsets.UTF_8);
			AtomicFiles.move(temp, file);
			log.info("API token: generated and written to {} (readable by its owner only); send it as "
					+ "'Authorization: Bearer <token>'", file.toAbsolutePath());
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the API token file " + file.toAbsolutePath(), ex);
		}
	}

	/** Compares in constant time, so the time taken says nothing about the token. */
	boolean matches(String candidate) {
		return candidate != null && !candidate.isEmpty()
				&& MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
	}

}

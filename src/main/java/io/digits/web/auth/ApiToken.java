package io.digits.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The bearer token: the configured one, else the generated one kept by the store (a file, or in the shared mode the
 * database, so every replica asks for the same), made at the first start. The log says where, never the token.
 */
@Component
public class ApiToken {

	private static final Logger log = LoggerFactory.getLogger(ApiToken.class);

	private final byte[] token;

	ApiToken(AuthProperties auth, ObjectProvider<GeneratedToken> generated) {
		this.token = auth.enabled() ? resolve(auth, generated).getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

	private static String resolve(AuthProperties auth, ObjectProvider<GeneratedToken> generated) {
		if (auth.token() != null && !auth.token().isBlank()) {
			log.info("API token: taken from DIGITS_API_TOKEN (digits.auth.token)");
			return auth.token().trim();
		}
		return generated.getObject().readOrStore(GeneratedToken.random());
	}

	/** Compares in constant time, so the time taken says nothing about the token. */
	boolean matches(String candidate) {
		return candidate != null && !candidate.isEmpty()
				&& MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
	}

}

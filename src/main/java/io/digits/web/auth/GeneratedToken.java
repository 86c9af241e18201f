package io.digits.web.auth;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the token lives when none is configured: made once, then read back by every start (and, in the shared mode,
 * by every replica), so that clients keep the one they were given. One implementation per store mode.
 */
interface GeneratedToken {

	/** The stored token, or {@code fresh} stored as the token if there is none yet. */
	String readOrStore(String fresh);

	/** 256 random bits, hex. */
	static String random() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}

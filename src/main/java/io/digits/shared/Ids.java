package io.digits.shared;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Ids of jobs and models: a prefix and 12 random hex digits. Anything else is not an id, which keeps every path built
 * from an id inside the store.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern SUFFIX = Pattern.compile("[0-9a-f]{12}");

	private Ids() {
	}

	public static String newId(String prefix) {
		byte[] bytes = new byte[6];
		RANDOM.nextBytes(bytes);
		return prefix + "-" + HexFormat.of().formatHex(bytes);
	}

	public static boolean isWellFormed(String prefix, String id) {
		return id != null && id.length() == prefix.length() + 13 && id.startsWith(prefix + "-")
				&& SUFFIX.matcher(id.substring(prefix.length() + 1)).matches();
	}

}

package io.digits.shared;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Where Digits keeps its state. {@link #EMBEDDED}, the default, needs no server: files under {@code digits.store.dir}.
 * {@link #SHARED}, switched on by one setting, {@code digits.database.url} (env {@code DIGITS_DATABASE_URL}): PostgreSQL,
 * which any number of replicas share.
 */
public enum StoreMode {

	EMBEDDED, SHARED;

	/** The one setting that chooses the mode: a JDBC URL. */
	public static final String DATABASE_URL = "digits.database.url";

	public static StoreMode of(PropertyResolver environment) {
		return StringUtils.hasText(environment.getProperty(DATABASE_URL)) ? SHARED : EMBEDDED;
	}

}

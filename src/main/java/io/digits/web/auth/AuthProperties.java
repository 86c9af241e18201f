package io.digits.web.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may do what. Training, cancelling, activating and deleting always need the token when auth is on; predictions
 * and reads only when {@code protectReads} is set.
 *
 * @param enabled the one switch that turns auth off, for local experiments
 * @param token the bearer token (env {@code DIGITS_API_TOKEN}); when empty, one is generated at the first start and
 *     kept in {@code <store>/api-token}, readable by its owner only
 *     (in the shared mode: in the database, the same for every replica)
 * @param protectReads predictions and every {@code GET} under {@code /api} and {@code /v2} need the token too
 *     (the health probes under {@code /v2/health} excepted)
 */
@ConfigurationProperties("digits.auth")
public record AuthProperties(@DefaultValue("true") boolean enabled, String token,
		@DefaultValue("false") boolean protectReads) {
}

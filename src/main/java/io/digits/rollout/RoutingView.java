package io.digits.rollout;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The routing as {@code GET /api/models/routing} shows it: the primary (the active model) with the canary and the
 * shadow, when there are.
 */
public record RoutingView(String primary, @JsonInclude(JsonInclude.Include.NON_NULL) Routing.Canary canary,
		@JsonInclude(JsonInclude.Include.NON_NULL) Routing.Shadow shadow, Instant setAt) {
}

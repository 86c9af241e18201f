package io.digits.rollout;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How predictions are shared between models, as stored and as shown. The primary is the active model: it answers
 * every request the canary does not; it is kept by the model registry, not here.
 *
 * @param canary answers {@code percent} of the requests; null when none
 * @param shadow sees a copy of {@code percent} of the requests, after they are answered; null when none
 * @param setAt when the routing was last set: the report counts from then
 */
public record Routing(@JsonInclude(JsonInclude.Include.NON_NULL) Canary canary,
		@JsonInclude(JsonInclude.Include.NON_NULL) Shadow shadow, Instant setAt) {

	/**
	 * @param stickyBy a request header whose value keeps one client on one model (the same value, the same model,
	 *     for as long as this canary's share does not shrink); null: each request is drawn on its own
	 */
	public record Canary(String modelId, double percent, @JsonInclude(JsonInclude.Include.NON_NULL) String stickyBy) {
	}

	public record Shadow(String modelId, double percent) {
	}

	static Routing primaryOnly(Instant setAt) {
		return new Routing(null, null, setAt);
	}

}

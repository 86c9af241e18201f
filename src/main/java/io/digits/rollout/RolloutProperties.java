package io.digits.rollout;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How traffic is split between models and how their answers are compared.
 *
 * @param seed seeds the canary's and the shadow's draws (again each time the routing is set), for a reproducible
 *     split; none by default: every replica draws its own
 * @param comparisonQueue answers waiting for their comparison (the shadow's pass, or the primary's on a canary's
 *     request), run after the response; beyond it they are dropped, and counted as dropped, so the comparisons never
 *     hold up or hold back the clients
 * @param latencyWindow the last answers of each routed model whose latencies give the report's percentiles
 * @param idleWait how long a comparison waits for a moment when no client is being answered before it is dropped
 */
@ConfigurationProperties("digits.rollout")
@Validated
public record RolloutProperties(Long seed, @Min(1) @Max(100_000) @DefaultValue("256") int comparisonQueue,
		@Min(16) @Max(1_000_000) @DefaultValue("4096") int latencyWindow,
		@NotNull @DefaultValue("100ms") Duration idleWait) {
}

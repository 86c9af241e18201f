package io.digits.rollout;

/**
 * Body of {@code PUT /api/models/routing}. Every part is optional: without {@code primary} the active model stays
 * primary; without {@code canary} or {@code shadow} there is none.
 */
public record RoutingRequest(String primary, CanaryRequest canary, ShadowRequest shadow) {

	public record CanaryRequest(String modelId, Double percent, String stickyBy) {
	}

	public record ShadowRequest(String modelId, Double percent) {
	}

}

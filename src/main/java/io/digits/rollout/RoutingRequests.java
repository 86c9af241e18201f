package io.digits.rollout;

import java.time.Instant;
import java.util.regex.Pattern;

import io.digits.model.ModelService;
import io.digits.model.ModelUnusableException;
import io.digits.rollout.RoutingRequest.CanaryRequest;
import io.digits.rollout.RoutingRequest.ShadowRequest;
import io.digits.shared.Excerpt;
import io.digits.shared.InvalidFieldException;

/**
 * Checks a {@code PUT /api/models/routing} body before anything changes: every model named is stored and usable, the
 * shares are percents, the canary is not the primary, the sticky header is a header's name. Each refusal names its
 * field.
 */
final class RoutingRequests {

	/** An HTTP header's name (RFC 9110's token), of a reasonable length. */
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

	/** What a request asks for: the primary to activate first (null: the active one stays) and the routing. */
	record Checked(String primary, Routing routing) {
	}

	private RoutingRequests() {
	}

	static Checked check(RoutingRequest request, String activeId, ModelService models, Instant now) {
		if (request == null) {
			throw new InvalidFieldException("body", "send the routing: {\"primary\": ..., \"canary\": {...}, \"shadow\": {...}}");
		}
		String primary = request.primary() == null ? activeId : usable("primary", request.primary(), models);
		if (primary == null) {
			throw new InvalidFieldException("primary", "no model is active: name the primary (GET /api/models lists them)");
		}
		Routing.Canary canary = canary(request.canary(), primary, models);
		Routing.Shadow shadow = shadow(request.shadow(), models);
		return new Checked(request.primary(), new Routing(canary, shadow, now));
	}

	private static Routing.Canary canary(CanaryRequest canary, String primary, ModelService models) {
		if (canary == null) {
			return null;
		}
		String modelId = usable("canary.modelId", canary.modelId(), models);
		if (modelId.equals(primary)) {
			throw new InvalidFieldException("canary.modelId",
					"the canary is %s, which is already the primary; a canary is another model".formatted(modelId));
		}
		double percent = percent("canary.percent", canary.percent());
		String stickyBy = canary.stickyBy();
		if (stickyBy != null && !HEADER_NAME.matcher(stickyBy).matches()) {
			throw new InvalidFieldException("canary.stickyBy", "stickyBy names a request header (letters, digits, "
					+ "'-' and the like, at most 64): its value keeps a client on one model");
		}
		return new Routing.Canary(modelId, percent, stickyBy);
	}

	private static Routing.Shadow shadow(ShadowRequest shadow, ModelService models) {
		if (shadow == null) {
			return null;
		}
		return new Routing.Shadow(usable("shadow.modelId", shadow.modelId(), models),
				percent("shadow.percent", shadow.percent()));
	}

	private static String usable(String field, String modelId, ModelService models) {
		if (modelId == null || modelId.isBlank()) {
			throw new InvalidFieldException(field, field + " is missing: name a stored model (GET /api/models)");
		}
		if (models.list().stream().noneMatch(model -> model.id().equals(modelId))) {
			throw new InvalidFieldException(field, "%s '%s' is not a stored model (GET /api/models lists them)"
				.formatted(field, Excerpt.of(modelId)));
		}
		models.problem(modelId).ifPresent(problem -> {
			throw new ModelUnusableException(modelId, problem);
		});
		return modelId;
	}

	private static double percent(String field, Double percent) {
		if (percent == null) {
			throw new InvalidFieldException(field, field + " is missing: a share of the requests, 0..100");
		}
		if (!(percent >= 0 && percent <= 100)) {
			throw new InvalidFieldException(field, "%s is %s; a share of the requests is 0..100".formatted(field, percent));
		}
		return percent;
	}

}

package io.digits.rollout;

import io.digits.model.LoadedModel;

/**
 * Which model answers one prediction request, and which see it after.
 *
 * @param model the model that answers
 * @param role why it answers: {@code primary}, {@code canary}, or {@code named} (the request named it)
 * @param primary the active model; the canary's answers are compared with it
 * @param shadow the model that sees a copy of the request after it is answered; null when none
 * @param routing the routing that chose them (null when named): what the request did is counted in its report only
 *     while it is the routing, so a comparison that ends after a change never lands in the next one's report
 */
public record Route(LoadedModel model, Role role, LoadedModel primary, LoadedModel shadow, Routing routing) {

	/** A request that named its model: no routing, no comparison. */
	public static Route named(LoadedModel model) {
		return new Route(model, Role.NAMED, null, null, null);
	}

	/** True when the answer is to be compared with the primary's, after the response. */
	public boolean comparedLater() {
		return role == Role.CANARY || shadow != null;
	}

}

package io.digits.rollout;

import java.time.Instant;
import java.util.List;

/**
 * What each routed model did since the routing was last set, on this replica: {@code GET /api/models/routing/report}.
 *
 * @param since when the routing was set
 * @param models the primary first, then the canary and the shadow
 */
public record RolloutReportView(Instant since, List<ModelReport> models) {

	/**
	 * @param requests requests answered (primary, canary) or seen after their answer (shadow)
	 * @param predictions images among them
	 * @param compared images whose answer was compared with the primary's
	 * @param agreement the share of those where both gave the same digit; null for the primary, and before any
	 * @param perClass by the primary's digit: how many were compared and how many this model answered otherwise
	 * @param p50Ms the median latency of its answers (a request's pass through the model, judging included; for a
	 *     shadow, its pass after the response), over the last {@code digits.rollout.latency-window} of them
	 * @param dropped comparisons left out because too many were waiting (they never hold up the clients)
	 */
	public record ModelReport(String modelId, Role role, long requests, long predictions, long compared,
			Double agreement, List<ClassDisagreement> perClass, Double p50Ms, Double p95Ms, long dropped) {
	}

	/** Compared images whose primary answer was {@code digit}, and those this model answered otherwise. */
	public record ClassDisagreement(int digit, long compared, long disagreed) {
	}

}

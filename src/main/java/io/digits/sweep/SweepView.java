package io.digits.sweep;

import java.time.Instant;
import java.util.List;

import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.store.SweepState;

/**
 * A sweep as the API shows it.
 *
 * @param spec what it searches and how, every default filled in
 * @param rungs for ASHA, the epochs at which a trial of the base's epochs is judged
 * @param best the best trial with a model so far (the sweep's answer once it ended); null before there is one
 * @param epochsTrained epochs trained by all its trials together
 * @param epochsPlanned what its trials would train without early stopping
 * @param activatedModelId the best trial's model, when the sweep made it the active one
 */
public record SweepView(String id, SweepState state, SweepSpec spec, List<Integer> rungs, List<TrialView> trials,
		TrialView best, int epochsTrained, int epochsPlanned, Instant createdAt, Instant finishedAt,
		String activatedModelId, String error) {
}

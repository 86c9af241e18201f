package io.digits.training.diagnosis;

import java.util.List;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.Finding;
import io.digits.training.status.LossPoint;

/**
 * What the diagnosis judges a job by.
 *
 * @param setupFindings what the set-up alone showed, repeated first
 * @param curve the recorded loss curve, oldest first
 * @param iteration parameter updates done
 * @param failure why the job failed, null unless it did
 * @param error the failure's message
 */
public record TrainingEvidence(Hyperparameters hyperparameters, List<Finding> setupFindings, List<LossPoint> curve,
		long iteration, List<EpochSummary> epochs, FailureCause failure, String error) {
}

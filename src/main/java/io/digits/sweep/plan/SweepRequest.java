package io.digits.sweep.plan;

import java.util.Map;

import io.digits.training.JobRequest;
import io.digits.training.settings.Metric;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A hyperparameter sweep as asked; everything but {@code parameters} is optional. */
@Schema(description = "A hyperparameter sweep: trials are ordinary jobs made from base with parameters drawn from their domains")
public record SweepRequest(
		@Schema(description = "The job every trial starts from (job fields, or a preset), before its parameters")
		@Valid JobRequest base,
		@Schema(description = "The searched hyperparameters by name (learningRate, hiddenLayers, batchSize, dropout, "
				+ "momentum, l2, weightDecay, epochs, activation, optimizer, learningRateSchedule, weightInit, seed)")
		@NotNull @Size(min = 1, max = 13) Map<String, @NotNull @Valid ParameterDomain> parameters,
		@Schema(description = "random or grid", defaultValue = "random") SearchMethod method,
		@Schema(description = "Trials in all; defaults to 10 for random, every combination for grid")
		@Min(1) @Max(1000) Integer maxTrials,
		@Schema(description = "Trials queued or running at once", defaultValue = "1") @Min(1) @Max(64)
		Integer maxConcurrent,
		@Schema(description = "What ranks the trials") @Valid Objective objective,
		@Schema(description = "How unpromising trials are stopped early") @Valid TrialStopping earlyStopping,
		@Schema(description = "Seed of the trials' draws: the same seed gives the same trials", defaultValue = "42")
		Long seed,
		@Schema(description = "Make the best trial's model the active one when the sweep ends", defaultValue = "false")
		Boolean activateBest) {

	/** What ranks the trials; the goal follows from the metric when left out. */
	public record Objective(@Schema(description = "testLoss or testAccuracy", defaultValue = "testLoss") Metric metric,
			@Schema(description = "minimize or maximize") Goal goal) {
	}

	/** How unpromising trials stop early. */
	public record TrialStopping(@Schema(description = "asha, median or none", defaultValue = "asha") TrialStoppingType type,
			@Schema(description = "Epochs before the first judgement (ASHA's first rung)", defaultValue = "1") @Min(1)
			@Max(1000) Integer minEpochs,
			@Schema(description = "ASHA: 1/reductionFactor of a rung's trials go on", defaultValue = "3") @Min(2)
			@Max(10) Integer reductionFactor) {
	}

}

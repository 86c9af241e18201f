package io.digits.training;

import java.util.Objects;

import io.digits.training.settings.Metric;
import io.digits.training.settings.StoppingRules;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A job's early-stopping rule as asked; every field is optional. */
@Schema(description = "Stop when a metric has not improved for some epochs")
public record EarlyStoppingRequest(
		@Schema(description = "testLoss, testAccuracy or trainLoss", defaultValue = "testLoss") Metric monitor,
		@Schema(description = "Epochs without improvement before stopping", defaultValue = "3") @Min(1) @Max(1000)
		Integer patience,
		@Schema(description = "The least change that counts as an improvement", defaultValue = "0") @DecimalMin("0")
		Double minDelta,
		@Schema(description = "Register the best epoch's weights, kept in memory, not the last ones",
				defaultValue = "true")
		Boolean restoreBest) {

	static final int DEFAULT_PATIENCE = 3;

	StoppingRules.EarlyStopping resolve() {
		return new StoppingRules.EarlyStopping(Objects.requireNonNullElse(monitor, Metric.TEST_LOSS),
				Objects.requireNonNullElse(patience, DEFAULT_PATIENCE), Objects.requireNonNullElse(minDelta, 0.0),
				Objects.requireNonNullElse(restoreBest, true));
	}

}

package io.digits.sweep.plan;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Where one hyperparameter is searched: exactly one of a list of values, a uniform range, or a log-uniform range (for
 * learning rates, which matter by orders of magnitude).
 */
@Schema(description = "One of: {\"values\": [...]}, {\"uniform\": [low, high]}, {\"logUniform\": [low, high]}")
public record ParameterDomain(@Size(min = 1, max = 100) List<@NotNull Object> values,
		@Size(min = 2, max = 2) List<@NotNull Double> uniform, @Size(min = 2, max = 2) List<@NotNull Double> logUniform) {

	/** How many of the three forms were given: exactly one is allowed. */
	int forms() {
		return (values != null ? 1 : 0) + (uniform != null ? 1 : 0) + (logUniform != null ? 1 : 0);
	}

	boolean isRange() {
		return values == null;
	}

}

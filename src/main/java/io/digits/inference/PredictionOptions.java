package io.digits.inference;

import java.util.Arrays;

import io.digits.inference.explain.ExplanationMethod;
import io.digits.shared.Excerpt;
import io.digits.shared.InvalidFieldException;

/**
 * What a prediction request asks beyond the digits: an explanation of each ({@code explain}, with integrated
 * gradients' {@code steps}), and a confidence below which the service abstains ({@code minConfidence}).
 *
 * @param explain null for none
 * @param minConfidence null: never abstain
 */
record PredictionOptions(ExplanationMethod explain, int steps, Double minConfidence) {

	static final int DEFAULT_STEPS = 32;

	static final PredictionOptions NONE = new PredictionOptions(null, DEFAULT_STEPS, null);

	/** From the query's words, checked: unknown methods, steps out of bounds and confidences beyond 0..1 are refused. */
	static PredictionOptions of(String explain, Integer steps, Double minConfidence, int maxSteps) {
		ExplanationMethod method = explain == null ? null : Arrays.stream(ExplanationMethod.values())
			.filter(candidate -> candidate.wireName().equals(explain))
			.findFirst()
			.orElseThrow(() -> new InvalidFieldException("explain",
					"explain must be saliency or integrated-gradients, was '%s'".formatted(Excerpt.of(explain))));
		if (steps != null && (steps < 1 || steps > maxSteps)) {
			throw new InvalidFieldException("steps", "steps %d is outside 1..%d".formatted(steps, maxSteps));
		}
		if (steps != null && method != ExplanationMethod.INTEGRATED_GRADIENTS) {
			throw new InvalidFieldException("steps", "steps is for explain=integrated-gradients only");
		}
		if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
			throw new InvalidFieldException("minConfidence",
					"minConfidence %s is outside 0..1".formatted(minConfidence));
		}
		return new PredictionOptions(method, steps == null ? DEFAULT_STEPS : steps, minConfidence);
	}

}

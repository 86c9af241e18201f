package io.digits.inference;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digits.inference.explain.Explanation;

/**
 * One image's answer: the most likely digit (null when the service abstained), its probability, all ten
 * probabilities, and what says not to believe it.
 *
 * @param flags {@code blank}, {@code off-distribution}, {@code low-confidence}, {@code ambiguous}; empty when none
 * @param abstained true when the confidence was below the request's {@code minConfidence}: {@code digit} is then null
 * @param explanation only when asked for ({@code ?explain=})
 * @param predictionId the id under which the answer was captured ({@code GET /api/captures/{id}}); only when it was
 *     (digits.capture.sampling-rate)
 */
public record Prediction(Integer digit, float confidence, float[] probabilities, List<String> flags,
		boolean abstained, @JsonInclude(JsonInclude.Include.NON_NULL) Explanation explanation,
		@JsonInclude(JsonInclude.Include.NON_NULL) String predictionId) {
}

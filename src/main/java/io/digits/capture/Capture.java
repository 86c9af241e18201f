package io.digits.capture;

import java.time.Instant;
import java.util.List;

/**
 * A kept answer, as stored beside its 784 gray bytes (which are kept apart: listing captures never reads them).
 *
 * @param id also the answer's {@code predictionId}
 * @param label the digit a person said it is, 0..9; null until labelled
 * @param labelledAt when it was labelled; null until then
 */
record Capture(String id, String modelId, String dataset, int digit, float confidence, List<String> flags,
		Instant capturedAt, Integer label, Instant labelledAt) {

	static final String ID_PREFIX = "capture";

	/** The flag {@code io.digits.inference.trust.PredictionFlags} raises below digits.inference.low-confidence. */
	static final String LOW_CONFIDENCE = "low-confidence";

	/** A 28x28 image, one gray byte a pixel, row by row, ink bright on dark: MNIST's own form. */
	static final int PIXELS = 784;

	Capture {
		flags = List.copyOf(flags);
	}

	boolean lowConfidence() {
		return flags.contains(LOW_CONFIDENCE);
	}

	Capture labelled(int digit, Instant at) {
		return new Capture(id, modelId, dataset, this.digit, confidence, flags, capturedAt, digit, at);
	}

}

package io.digits.capture;

import java.time.Instant;
import java.util.List;

/**
 * A capture on the wire.
 *
 * @param id the answer's {@code predictionId}
 * @param digit the model's answer; {@code label} is a person's, null until given
 * @param image the 28x28 PNG's path, for thumbnails
 */
record CaptureView(String id, String modelId, String dataset, int digit, float confidence, List<String> flags,
		Instant capturedAt, Integer label, Instant labelledAt, String image) {

	static CaptureView of(Capture capture) {
		return new CaptureView(capture.id(), capture.modelId(), capture.dataset(), capture.digit(), capture.confidence(),
				capture.flags(), capture.capturedAt(), capture.label(), capture.labelledAt(),
				"/api/captures/" + capture.id() + "/image.png");
	}

}

package io.digits.capture;

import java.util.List;

/**
 * An answer offered for capture by the prediction path ({@link CaptureService#offer}).
 *
 * @param modelId the model that answered
 * @param dataset the model's dataset id ({@code mnist}, {@code fashion-mnist})
 * @param input the 784 values in 0..1 the network got: the prepared 28x28 image, not the upload
 * @param digit the likeliest digit, 0..9, even when the answer abstained
 * @param confidence its probability
 * @param flags what said not to believe it ({@code low-confidence}, ...)
 */
public record CapturedAnswer(String modelId, String dataset, float[] input, int digit, float confidence,
		List<String> flags) {
}

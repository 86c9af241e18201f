package io.digits.inference.trust;

import java.util.ArrayList;
import java.util.List;

import io.digits.model.InputFeatures;
import io.digits.model.ReferenceProfile;

/**
 * When not to believe an answer, from what the input and the output already show: {@code blank} (almost no ink),
 * {@code off-distribution} (the input's ink, its box or its distance to the nearest digit's mean image is beyond what
 * 99.9% of the training images show), {@code low-confidence} and {@code ambiguous} (the two likeliest digits close).
 */
public final class PredictionFlags {

	public static final String BLANK = "blank", OFF_DISTRIBUTION = "off-distribution", LOW_CONFIDENCE = "low-confidence",
			AMBIGUOUS = "ambiguous";

	/** Less ink than five white pixels: nothing a person would call a digit (MNIST's faintest hold about 30). */
	static final double BLANK_INK = 5;

	private PredictionFlags() {
	}

	/**
	 * @param profile the model's reference; without one (it could not be measured) only the output is judged
	 * @param classMeans the training images' mean per digit
	 */
	public static List<String> of(float[] input, float[] probabilities, ReferenceProfile profile, float[][] classMeans,
			Thresholds thresholds) {
		List<String> flags = new ArrayList<>(2);
		double ink = InputFeatures.inkMass(input);
		if (ink < BLANK_INK) {
			flags.add(BLANK);
		}
		else if (profile != null && offDistribution(input, ink, profile, classMeans)) {
			flags.add(OFF_DISTRIBUTION);
		}
		float first = 0, second = 0;
		for (float p : probabilities) {
			if (p > first) {
				second = first;
				first = p;
			}
			else if (p > second) {
				second = p;
			}
		}
		if (first < thresholds.lowConfidence()) {
			flags.add(LOW_CONFIDENCE);
		}
		if (first - second < thresholds.ambiguousMargin()) {
			flags.add(AMBIGUOUS);
		}
		return flags;
	}

	private static boolean offDistribution(float[] input, double ink, ReferenceProfile profile, float[][] classMeans) {
		int[] box = InputFeatures.box(input);
		return !profile.inkMass().contains(ink) || !profile.width().contains(box[0])
				|| !profile.height().contains(box[1])
				|| classMeans != null && InputFeatures.nearestMeanDistance(input, classMeans) > profile.nearestMeanDistance();
	}

	/**
	 * @param lowConfidence below it, an answer is {@code low-confidence}
	 * @param ambiguousMargin when the two likeliest digits' probabilities differ by less, the answer is {@code ambiguous}
	 */
	public record Thresholds(double lowConfidence, double ambiguousMargin) {
	}

}

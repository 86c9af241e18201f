package io.digits.inference;

/** One image's answer: the most likely digit, its probability, and all ten probabilities. */
public record Prediction(int digit, float confidence, float[] probabilities) {

	static Prediction of(float[] probabilities) {
		int best = 0;
		for (int i = 1; i < probabilities.length; i++) {
			if (probabilities[i] > probabilities[best]) {
				best = i;
			}
		}
		return new Prediction(best, probabilities[best], probabilities);
	}

}

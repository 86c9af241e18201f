package io.digits.model;

import java.util.List;

/**
 * What a model's inputs and answers look like on the data it was made for, measured when it is registered and stored
 * with it: the bounds an input's features keep on 99.9% of the training images (beyond them, an input is
 * off-distribution), and, from the test set, the reference live traffic is compared with for drift.
 *
 * @param inkMass, width, height the central 99.9% of the training images' ink mass and ink box
 * @param nearestMeanDistance the 99.9th percentile of the training images' distance to their nearest class mean
 * @param inkMassDeciles the nine inner deciles of the test images' ink mass: equal-mass bins for the drift statistic
 * @param confidenceShares the test set's share of answers in each tenth of confidence, 0-0.1 to 0.9-1
 * @param classShares the test set's share of answers for each digit
 */
public record ReferenceProfile(Range inkMass, Range width, Range height, double nearestMeanDistance,
		List<Double> inkMassDeciles, List<Double> confidenceShares, List<Double> classShares) {

	public record Range(double low, double high) {

		public boolean contains(double value) {
			return value >= low && value <= high;
		}

	}

}

package io.digits.model;

import java.util.List;

/**
 * What a dataset's inputs look like, the same for every model trained on it (see {@link ReferenceProfiles}).
 *
 * @param classMeans the training images' mean image per digit
 */
public record InputReference(float[][] classMeans, ReferenceProfile.Range inkMass, ReferenceProfile.Range width,
		ReferenceProfile.Range height, double nearestMeanDistance, List<Double> inkMassDeciles) {
}

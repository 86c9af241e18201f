package io.digits.data;

import java.util.List;

/**
 * Labelled images from outside a dataset, in the dataset's own form.
 *
 * @param ids where each came from (capture ids), stored with the job that trained on them
 * @param pixels one array of 784 values in 0..1 per image, ink bright on dark, as {@link LabelledImages} holds them
 * @param labels the digit of each image, 0..9
 */
public record ExtraImages(List<String> ids, float[][] pixels, int[] labels) {

	public static final ExtraImages NONE = new ExtraImages(List.of(), new float[0][], new int[0]);

	public ExtraImages {
		if (ids.size() != pixels.length || pixels.length != labels.length) {
			throw new IllegalArgumentException("%d ids, %d images and %d labels".formatted(ids.size(), pixels.length,
					labels.length));
		}
	}

	public int count() {
		return labels.length;
	}

}

package io.digits.capture;

import java.util.ArrayList;
import java.util.List;

import io.digits.data.ExtraImages;
import io.digits.data.ExtraTrainingImages;

import org.springframework.stereotype.Component;

/** Training's view of the captures: those people labelled, as the dataset's own images (0..1, ink bright on dark). */
@Component
class LabelledCaptures implements ExtraTrainingImages {

	private final CaptureStore store;

	LabelledCaptures(CaptureStore store) {
		this.store = store;
	}

	@Override
	public ExtraImages labelled(String dataset, int max) {
		if (max <= 0) {
			return ExtraImages.NONE;
		}
		List<CaptureStore.LabelledPixels> labelled = store.oldestLabelled(dataset, max);
		List<String> ids = new ArrayList<>(labelled.size());
		float[][] pixels = new float[labelled.size()][];
		int[] labels = new int[labelled.size()];
		for (int i = 0; i < labelled.size(); i++) {
			CaptureStore.LabelledPixels capture = labelled.get(i);
			ids.add(capture.id());
			pixels[i] = new float[capture.pixels().length];
			for (int p = 0; p < pixels[i].length; p++) {
				pixels[i][p] = (capture.pixels()[p] & 0xff) / 255f;
			}
			labels[i] = capture.label();
		}
		return new ExtraImages(ids, pixels, labels);
	}

}

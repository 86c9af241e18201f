package io.digits.capture;

/**
 * Which captures a list holds; a null criterion does not filter.
 *
 * @param lowConfidence with ({@code true}) or without ({@code false}) the {@code low-confidence} flag
 * @param modelId answered by this model
 * @param labelled labelled ({@code true}) or not yet ({@code false})
 * @param dataset of this dataset id
 */
record CaptureFilter(Boolean lowConfidence, String modelId, Boolean labelled, String dataset) {

	static final CaptureFilter ALL = new CaptureFilter(null, null, null, null);

	boolean matches(Capture capture) {
		return (lowConfidence == null || capture.lowConfidence() == lowConfidence)
				&& (modelId == null || modelId.equals(capture.modelId()))
				&& (labelled == null || (capture.label() != null) == labelled)
				&& (dataset == null || dataset.equals(capture.dataset()));
	}

}

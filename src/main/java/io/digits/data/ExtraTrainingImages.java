package io.digits.data;

/**
 * Training images beyond a dataset's own: the predictions that were captured and labelled by people
 * ({@code io.digits.capture}), for jobs that ask for them ({@code "extraData": {"captures": {"labelled": true}}}).
 * A port, so that training reads them without knowing where or how they are kept.
 */
public interface ExtraTrainingImages {

	/** Every labelled image kept for {@code dataset} (a dataset id, such as {@code mnist}), oldest first, at most {@code max}. */
	ExtraImages labelled(String dataset, int max);

}

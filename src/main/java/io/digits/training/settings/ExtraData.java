package io.digits.training.settings;

/**
 * Training images a job takes beyond its dataset's, as resolved from its request: today only the captured predictions
 * people labelled. They are read when the job first starts, so how many there are is known only then; the budget
 * counts them at their bound ({@link TrainingProperties#maxExtraImages}).
 *
 * @param captures the labelled captures of the job's dataset, on top of its first {@code trainLimit} images
 */
public record ExtraData(Captures captures) {

	/** What the API asks for, and the only kind that can train: captures with a label. */
	public static final ExtraData LABELLED_CAPTURES = new ExtraData(new Captures(true));

	public boolean labelledCaptures() {
		return captures != null && captures.labelled();
	}

	/** @param labelled always true: an unlabelled capture has nothing to teach */
	public record Captures(boolean labelled) {
	}

}

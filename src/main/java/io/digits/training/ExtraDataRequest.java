package io.digits.training;

import io.digits.training.settings.ExtraData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * Images a job asks to train on beyond its dataset's: {@code {"captures": {"labelled": true}}}, the captured
 * predictions people labelled. An empty object is refused rather than read as none: a caller who writes
 * {@code extraData} means something by it.
 */
@Schema(description = "Train on more than the dataset: {\"captures\": {\"labelled\": true}} adds the labelled captures")
public record ExtraDataRequest(
		@Schema(description = "The captured predictions, on top of the dataset's first trainLimit images")
		@NotNull(message = "is required: captures are the only extra data a job can ask for") @Valid
		CapturesRequest captures) {

	/** What it asks for, once validated; null (nothing extra) for anything validation refuses. */
	ExtraData resolve() {
		return captures != null && Boolean.TRUE.equals(captures.labelled()) ? ExtraData.LABELLED_CAPTURES : null;
	}

	/** Which captures: only labelled ones can train, so {@code labelled} must be true. */
	@Schema(description = "Which captures to add; only labelled ones can train")
	public record CapturesRequest(
			@Schema(description = "true: the captures people labelled, oldest first, up to digits.training.max-extra-images")
			@NotNull(message = "is required: true, as only labelled captures can train")
			@AssertTrue(message = "must be true: only labelled captures can train (leave extraData out to train on the "
					+ "dataset alone)") Boolean labelled) {
	}

}

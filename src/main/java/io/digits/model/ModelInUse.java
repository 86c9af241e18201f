package io.digits.model;

import java.util.Optional;

/**
 * Something beyond the active model that serves a stored model (a canary or a shadow of the rollout): while it does,
 * the model cannot be deleted. Asked by {@link ModelService#delete} before anything is removed.
 */
public interface ModelInUse {

	/** Why the model is in use (for the refusal's detail), or empty when it is not. */
	Optional<String> use(String modelId);

}

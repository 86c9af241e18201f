package io.digits.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A stored model as the API shows it: its metadata, whether it is the active one, and whether it can be used (a model
 * whose file failed its check at start cannot, and {@code problem} says why).
 */
public record ModelView(boolean active, boolean usable, String problem, @JsonUnwrapped ModelMetadata model) {

	public static ModelView of(ModelMetadata model, ModelService models) {
		boolean active = models.active().map(loaded -> loaded.id().equals(model.id())).orElse(false);
		String problem = models.problem(model.id()).orElse(null);
		return new ModelView(active, problem == null, problem, model);
	}

}

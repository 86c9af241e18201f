package io.digits.model;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code PUT /api/models/active}. */
public record ActivateRequest(@NotBlank String modelId) {
}

package io.digits.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A stored model as the API shows it: its metadata and whether it is the active one. */
public record ModelView(boolean active, @JsonUnwrapped ModelMetadata model) {
}

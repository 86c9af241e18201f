package io.digits.training;

/** A preset as {@code GET /api/presets} lists it. */
public record PresetView(Preset name, String description, JobRequest settings) {
}

package io.digits.capture;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The digit a person says a capture shows. */
record LabelRequest(@NotNull @Min(0) @Max(9) Integer digit) {
}

package io.digits.training;

import java.time.Instant;

/** The body of a {@code state} event. */
public record StateEvent(JobState state, Instant at, String error) {
}

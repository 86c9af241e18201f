package io.digits.openinference;

/** The protocol's error object, the answer of every refusal under {@code /v2}. */
record ErrorResponse(String error) {
}

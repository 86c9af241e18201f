package io.digits.openinference;

/** The protocol's {@code $ready_model_response}; the status says the same: 200 when ready. */
record ModelReadyResponse(String name, boolean ready) {
}

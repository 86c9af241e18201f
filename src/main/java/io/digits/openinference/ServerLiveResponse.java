package io.digits.openinference;

/** The protocol's {@code $live_server_response}; the status says the same: 200 when live. */
record ServerLiveResponse(boolean live) {
}

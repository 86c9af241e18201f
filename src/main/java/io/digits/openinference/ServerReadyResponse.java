package io.digits.openinference;

/**
 * The protocol's {@code $ready_server_response}; the status says the same: 200 when ready. The specification's object
 * reads {@code "live"} here, a slip copied from the one above: {@code "ready"} is what KServe's servers answer.
 */
record ServerReadyResponse(boolean ready) {
}

package io.digits.openinference;

import java.util.List;

/** The protocol's {@code $metadata_server_response}. */
record ServerMetadataResponse(String name, String version, List<String> extensions) {
}

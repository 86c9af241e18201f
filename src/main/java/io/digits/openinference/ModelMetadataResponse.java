package io.digits.openinference;

import java.util.List;

/** The protocol's {@code $metadata_model_response}. */
record ModelMetadataResponse(String name, List<String> versions, String platform, List<MetadataTensor> inputs,
		List<MetadataTensor> outputs) {
}

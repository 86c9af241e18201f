package io.digits.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A stored model read back into a network of its own, used only for inference, never trained. */
public record LoadedModel(ModelMetadata metadata, MultiLayerNetwork network) {

	public String id() {
		return metadata.id();
	}

}

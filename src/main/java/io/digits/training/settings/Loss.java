package io.digits.training.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The loss the network minimises. */
public enum Loss {

	/** Cross-entropy of probabilities (DL4J's MCXENT): for a softmax output. */
	@JsonProperty("cross-entropy")
	CROSS_ENTROPY,

	/** Cross-entropy that applies softmax first (PyTorch's CrossEntropyLoss): for an identity output. */
	@JsonProperty("softmax-cross-entropy")
	SOFTMAX_CROSS_ENTROPY,

	/** Mean squared error against the one-hot labels. */
	@JsonProperty("mse")
	MSE;

}

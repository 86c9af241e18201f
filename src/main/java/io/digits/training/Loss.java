package io.digits.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

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

	ILossFunction dl4j() {
		return switch (this) {
			case CROSS_ENTROPY -> new LossMCXENT();
			case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropyLoss();
			case MSE -> new LossMSE();
		};
	}

}

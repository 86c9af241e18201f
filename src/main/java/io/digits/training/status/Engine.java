package io.digits.training.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What trains a job's batches. Chosen when the job first starts and kept for its whole life, resumes included, so
 * the same seed gives the same model (the engines agree to float32 rounding, not bit for bit).
 */
public enum Engine {

	/** Digits' fused CPU step: the matrix products in OpenBLAS, the rest in Java, on the network's own arrays. */
	@JsonProperty("fused-cpu")
	FUSED_CPU,

	/** DL4J's {@code MultiLayerNetwork.fit}: everything the fused step does not cover, and the CUDA backend. */
	@JsonProperty("dl4j")
	DL4J

}

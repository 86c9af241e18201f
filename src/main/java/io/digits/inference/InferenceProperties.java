package io.digits.inference;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on prediction work. Upload sizes in bytes are Spring's {@code spring.servlet.multipart.*}.
 *
 * @param maxImagesPerRequest images (or pixel arrays) in one request
 * @param maxImageSide the widest or tallest image accepted, read from the header before any pixel is decoded
 * @param maxBatch images in one forward pass when concurrent requests are batched together
 * @param queueCapacity requests waiting for the network; beyond it, 503 with Retry-After
 * @param timeout how long a request waits for its forward pass
 * @param decodeHeapPercent the share of the heap (-Xmx) all requests together may fill with decoded images at once
 * @param decodeWait how long an upload waits for its share of that budget; beyond it, 503 with Retry-After
 * @param lowConfidence below it an answer is flagged {@code low-confidence}
 * @param ambiguousMargin when the two likeliest digits are closer than this, the answer is flagged {@code ambiguous}
 * @param driftWindow answers per model the drift score and the class shares are computed over
 * @param maxExplainSteps the most steps integrated gradients may be asked for ({@code ?steps=})
 */
@ConfigurationProperties("digits.inference")
@Validated
public record InferenceProperties(@Min(1) @Max(1024) @DefaultValue("64") int maxImagesPerRequest,
		@Min(28) @Max(16384) @DefaultValue("4096") int maxImageSide,
		@Min(1) @Max(4096) @DefaultValue("64") int maxBatch,
		@Min(1) @DefaultValue("1024") int queueCapacity,
		@NotNull @DefaultValue("10s") Duration timeout,
		@Min(1) @Max(75) @DefaultValue("25") int decodeHeapPercent,
		@NotNull @DefaultValue("2s") Duration decodeWait,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.6") double lowConfidence,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.2") double ambiguousMargin,
		@Min(10) @Max(100_000) @DefaultValue("200") int driftWindow,
		@Min(1) @Max(1024) @DefaultValue("256") int maxExplainSteps) {
}

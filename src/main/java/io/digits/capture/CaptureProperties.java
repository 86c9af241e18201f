package io.digits.capture;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which answers are kept, and for how long ({@code digits.capture.*}).
 *
 * @param samplingRate the share of answers kept, 0..1: 0 (the default) keeps nothing, as captured inputs are
 *     people's drawings and are kept only when asked
 * @param maxCount the most captures kept; the oldest go as new ones come. Bounded because the embedded store keeps
 *     every capture's description in memory (about 300 bytes each)
 * @param maxAge captures older than this are deleted, at start and every {@code retentionInterval}
 * @param maxPageSize the most captures one page lists, as JSON or as a zip of PNGs
 * @param retentionInterval how often captures older than {@code maxAge} are looked for
 */
@ConfigurationProperties("digits.capture")
@Validated
public record CaptureProperties(@DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double samplingRate,
		@Min(1) @Max(100_000) @DefaultValue("10000") int maxCount,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("30d") Duration maxAge,
		@Min(1) @Max(1000) @DefaultValue("200") int maxPageSize,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration retentionInterval) {
}

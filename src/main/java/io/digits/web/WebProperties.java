package io.digits.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on request bodies that are not uploads (uploads are bounded by {@code spring.servlet.multipart.*}).
 *
 * @param maxBodySize the largest JSON body accepted; 64 images of 784 pixels as JSON take about 250 KB
 * @param maxQuotedValueLength the most characters of a rejected value quoted back in a problem: enough to recognise
 *     it, while a 600 KB list refused for its size is not echoed whole
 */
@ConfigurationProperties("digits.web")
@Validated
public record WebProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize,
		@Min(16) @Max(100_000) @DefaultValue("100") int maxQuotedValueLength) {
}

package io.digits.web;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on request bodies that are not uploads (uploads are bounded by {@code spring.servlet.multipart.*}), and on
 * how many bodies of any kind are read at once.
 *
 * @param maxBodySize the largest JSON body accepted; 64 images of 784 pixels as JSON take about 250 KB
 * @param maxQuotedValueLength the most characters of a rejected value quoted back in a problem: enough to recognise
 *     it, while a 600 KB list refused for its size is not echoed whole
 * @param bodyReadTimeout the longest a JSON body may take to arrive, whole: 1 MB in 20 s is 50 KB/s, a slow mobile
 *     upload; a client trickling bytes to hold a worker is cut off here
 * @param maxConcurrentBodies requests with a body (JSON or upload) served at once; the others get a 503 at once.
 *     Below Tomcat's 200 workers, so that health and reads always find one free however slowly bodies arrive
 */
@ConfigurationProperties("digits.web")
@Validated
public record WebProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize,
		@Min(16) @Max(100_000) @DefaultValue("100") int maxQuotedValueLength,
		@NotNull @DefaultValue("20s") Duration bodyReadTimeout,
		@Min(1) @Max(10000) @DefaultValue("100") int maxConcurrentBodies) {
}

package io.digits.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on request bodies that are not uploads (uploads are bounded by {@code spring.servlet.multipart.*}).
 *
 * @param maxBodySize the largest JSON body accepted; 64 images of 784 pixels as JSON take about 250 KB
 */
@ConfigurationProperties("digits.web")
@Validated
public record WebProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize) {
}

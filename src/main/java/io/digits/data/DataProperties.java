package io.digits.data;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the IDX files are.
 *
 * @param dir the data directory holding {@code mnist/} and {@code fashion-mnist/} (env {@code DIGITS_DATA_DIR})
 */
@ConfigurationProperties("digits.data")
@Validated
public record DataProperties(@NotNull @DefaultValue("./data") Path dir) {
}

package io.digits.shared;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where trained models are kept.
 *
 * @param dir the store directory (env {@code DIGITS_STORE_DIR}); models go to {@code models/<id>/}
 * @param loadedModels how many non-active models stay loaded for {@code ?model=} predictions
 * @param minFreeSpace the free space below which health reports the store DOWN: a checkpoint of the largest network
 *     a job may ask for (10M parameters, with Adam's two moments) takes about 120 MB
 */
@ConfigurationProperties("digits.store")
@Validated
public record StoreProperties(@NotNull @DefaultValue("./var") Path dir,
		@Min(1) @Max(64) @DefaultValue("4") int loadedModels, @NotNull @DefaultValue("128MB") DataSize minFreeSpace) {
}

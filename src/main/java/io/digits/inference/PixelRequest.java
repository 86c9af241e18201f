package io.digits.inference;

import io.swagger.v3.oas.annotations.media.Schema;

/** Images as raw pixels: 784 values each, row-major, ink bright on dark as in MNIST. */
@Schema(description = "Either pixels (one image) or images (several), 784 values each, row-major, ink bright on dark")
public record PixelRequest(@Schema(description = "One image: 784 values") float[] pixels,
		@Schema(description = "Several images: arrays of 784 values") float[][] images,
		@Schema(description = "byte: values 0..255 (default); unit: values 0..1", defaultValue = "byte") PixelScale scale) {
}

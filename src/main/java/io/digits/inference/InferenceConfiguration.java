package io.digits.inference;

import io.digits.inference.image.DecodeBudget;
import io.digits.inference.image.ImageDecoder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InferenceConfiguration {

	@Bean
	ImageDecoder imageDecoder(InferenceProperties properties) {
		return new ImageDecoder(properties.maxImageSide(),
				DecodeBudget.ofHeap(properties.decodeHeapPercent(), properties.decodeWait()));
	}

}

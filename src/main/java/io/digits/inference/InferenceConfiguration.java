package io.digits.inference;

import io.digits.inference.image.ImageDecoder;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InferenceConfiguration {

	@Bean
	ImageDecoder imageDecoder(InferenceProperties properties) {
		return new ImageDecoder(properties.maxImageSide());
	}

	@Bean
	FilterRegistrationBean<PredictionMetricsFilter> predictionMetricsFilter(PredictionMetrics metrics) {
		FilterRegistrationBean<PredictionMetricsFilter> registration = new FilterRegistrationBean<>(
				new PredictionMetricsFilter(metrics));
		registration.addUrlPatterns("/api/predictions");
		return registration;
	}

}

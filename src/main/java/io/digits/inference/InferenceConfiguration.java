package io.digits.inference;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InferenceConfiguration {

	@Bean
	FilterRegistrationBean<PredictionMetricsFilter> predictionMetricsFilter(PredictionMetrics metrics) {
		FilterRegistrationBean<PredictionMetricsFilter> registration = new FilterRegistrationBean<>(
				new PredictionMetricsFilter(metrics));
		registration.addUrlPatterns("/api/predictions");
		return registration;
	}

}

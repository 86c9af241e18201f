package io.digits.openinference;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class OpenInferenceConfiguration {

	/**
	 * Before the token filter and the body limit (and after the request observation, which counts the final status):
	 * their refusals under /v2 become the protocol's errors too.
	 */
	@Bean
	FilterRegistrationBean<OpenInferenceFilter> openInferenceFilter(JsonMapper json) {
		FilterRegistrationBean<OpenInferenceFilter> registration = new FilterRegistrationBean<>(new OpenInferenceFilter(json));
		registration.addUrlPatterns("/v2/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

}

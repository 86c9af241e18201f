package io.digits.web;

import io.digits.web.auth.ApiToken;
import io.digits.web.auth.AuthProperties;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties, JsonMapper json) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties, json));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * Tomcat answers an encoded slash in a path with a bare 400 page of its own; passed through, it reaches the
	 * controllers as part of an id, which is then not well formed and gets a 404 problem like any other unknown id.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSlashesReachTheApplication() {
		return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}

}

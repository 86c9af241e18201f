package io.digits.web.auth;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	/** Before the body limit: a caller without the token is refused before its body is read. */
	@Bean
	FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiToken token, AuthProperties auth, JsonMapper json) {
		FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
				new ApiTokenFilter(token, auth, json));
		registration.addUrlPatterns("/api/*", "/v2/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

}

package io.digits.web;

import java.util.Set;
import java.util.stream.Collectors;

import io.digits.web.auth.ApiToken;
import io.digits.web.auth.AuthProperties;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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
	 * Boot's observation filter, first of all filters, takes this convention for {@code http.server.requests} when
	 * there is one. The mapped paths are read once, on the first request that needs them: the handler mapping is not
	 * built yet when the filter is.
	 */
	@Bean
	ApiRequestObservationConvention apiRequestObservationConvention(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
		return new ApiRequestObservationConvention(SingletonSupplier.of(() -> literalPaths(mapping.getObject())));
	}

	private static Set<String> literalPaths(RequestMappingHandlerMapping mapping) {
		return mapping.getHandlerMethods()
			.keySet()
			.stream()
			.flatMap(info -> info.getDirectPaths().stream())
			.collect(Collectors.toUnmodifiableSet());
	}

	@Bean
	TomcatContextCustomizer unreadBodiesAreNotSwallowed() {
		return context -> context.getPipeline().addValve(new UnreadBodiesAreNotSwallowed());
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

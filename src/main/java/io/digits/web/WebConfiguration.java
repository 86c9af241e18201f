package io.digits.web;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties, JsonMapper json) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties, json));
		registration.addUrlPatterns("/api/*", "/v2/*");
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
	 * Tomcat's error report valve writes what never reaches Spring (a {@code %00} in the path, a bad request line) as
	 * HTML. Boot adds one such valve to the host; it is replaced by one that writes a problem, and named as the host's
	 * valve class so that Tomcat does not add its own at start. Ordered last, so Boot's valve is there to replace.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports(JsonMapper json) {
		return factory -> factory.addContextCustomizers(context -> {
			Pipeline pipeline = context.getParent().getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new ProblemErrorReportValve(json));
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
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

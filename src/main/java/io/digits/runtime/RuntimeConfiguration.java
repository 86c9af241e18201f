package io.digits.runtime;

import java.time.Clock;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OpenAPI digitsOpenApi() {
		return new OpenAPI().info(new Info().title("Digits")
			.description("Trains Deeplearning4j MLPs on MNIST as asynchronous jobs, keeps every model as a version, "
					+ "and classifies uploaded digit images with the active one. Errors are application/problem+json.")
			.version("0.1.0"));
	}

}

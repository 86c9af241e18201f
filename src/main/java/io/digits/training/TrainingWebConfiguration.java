package io.digits.training;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The training API's own message converters: loss curves and compared jobs' epochs as CSV. */
@Configuration(proxyBeanMethods = false)
class TrainingWebConfiguration implements WebMvcConfigurer {

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new LossCsvConverter());
		builder.addCustomConverter(new ComparisonCsvConverter());
	}

}

package io.digits.openinference;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.digits.inference.InferenceProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/**
 * The protocol's web layer as it runs: its controller, service and tensor reader, its filter, Spring MVC with the
 * service's strict JSON and problems; the models, predictions and health mocked by each test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(OpenInferenceController.class)
@Import({ OpenInferenceService.class, InputTensorReader.class, OpenInferenceConfiguration.class })
@EnableConfigurationProperties(InferenceProperties.class)
@interface OpenInferenceSlice {

}

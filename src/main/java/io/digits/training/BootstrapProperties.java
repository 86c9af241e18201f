package io.digits.training;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled when the store holds no model at start, train one with the recommended defaults and activate it
 */
@ConfigurationProperties("digits.bootstrap")
public record BootstrapProperties(@DefaultValue("true") boolean enabled) {
}

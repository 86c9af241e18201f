package io.digits.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A real Digits server on a random port with a store of its own, no bootstrap job, the test token, and a seeded
 * rollout (RoutingApiTests counts a canary's share). Test classes with this annotation share one server, as Spring
 * caches the context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SlowTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "digits.bootstrap.enabled=false", "digits.store.dir=target/test-stores/${random.uuid}",
				"digits.auth.token=" + DigitsClient.TEST_TOKEN, "digits.rollout.seed=18" })
public @interface DigitsServerTest {

}

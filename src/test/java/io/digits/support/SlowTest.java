package io.digits.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * The slow tier: a real server, real training on MNIST, a process or a browser. Run by {@code mvn verify} (failsafe),
 * not by {@code mvn test}, which stays under two minutes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface SlowTest {

}

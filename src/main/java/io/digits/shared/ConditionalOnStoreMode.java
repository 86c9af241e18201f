package io.digits.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** A bean of one {@link StoreMode} only: each store has a file implementation and a PostgreSQL one, never both. */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnStoreMode.InMode.class)
public @interface ConditionalOnStoreMode {

	StoreMode value();

	final class InMode implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Object wanted = metadata.getAnnotationAttributes(ConditionalOnStoreMode.class.getName()).get("value");
			return StoreMode.of(context.getEnvironment()) == wanted;
		}

	}

}

package io.digits.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies are read as they are written, never guessed at: {@code null} for a field ({@code {"epochs": null}}),
 * a string for a number ({@code "1"}), a number or string for a boolean ({@code 1}, {@code "true"}) and an enum value
 * with spaces or control characters around it ({@code "relu\u0000"}, which Jackson would trim) are refused with a
 * 400 naming the field. A field left out still takes its default.
 * <p>
 * Only the HTTP converter's mapper is this strict: the store's files, written by the service itself with their nulls,
 * are read with the application's mapper.
 */
@Component
class StrictJsonRequests implements WebMvcConfigurer {

	private final JsonMapper strict;

	StrictJsonRequests(JsonMapper json) {
		this.strict = strict(json);
	}

	/** Runs after Boot's own configurer (which has order 0), so this JSON converter replaces Boot's. */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
	}

	static JsonMapper strict(JsonMapper json) {
		return json.rebuild()
			.withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.String, CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Float, refuse(CoercionInputShape.String, CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Boolean,
					refuse(CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Textual,
					refuse(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
			.addModule(new SimpleModule("strict-values").setDeserializerModifier(new StrictValues()))
			.build();
	}

	private static java.util.function.Consumer<tools.jackson.databind.cfg.MutableCoercionConfig> refuse(
			CoercionInputShape... shapes) {
		return config -> {
			for (CoercionInputShape shape : shapes) {
				config.setCoercion(shape, CoercionAction.Fail);
			}
		};
	}

	/**
	 * Wraps every value's deserializer. Jackson's own {@code Nulls.FAIL} cannot serve: it also refuses a field left out
	 * of a record, which must take its default.
	 */
	private static final class StrictValues extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
				ValueDeserializer<?> deserializer) {
			return JsonNode.class.isAssignableFrom(description.getBeanClass()) ? deserializer : new NoNull(deserializer);
		}

		@Override
		public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			return new ExactEnumValue(deserializer, type.getRawClass());
		}

		@Override
		public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			return new NoNull(deserializer);
		}

		@Override
		public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			return new NoNull(deserializer);
		}

	}

	/** A JSON null is refused; a value left out still gets its absent value (null: the default applies). */
	private static class NoNull extends DelegatingDeserializer {

		NoNull(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new NoNull(delegate);
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			throw InvalidNullException.from(context, null, context.constructType(handledType()));
		}

	}

	/** Jackson trims an enum value it does not know and tries again: {@code "relu\u0000"} would be {@code relu}. */
	private static final class ExactEnumValue extends NoNull {

		private final Class<?> type;

		ExactEnumValue(ValueDeserializer<?> delegate, Class<?> type) {
			super(delegate);
			this.type = type;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new ExactEnumValue(delegate, type);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				String value = parser.getString();
				if (value.trim().length() != value.length()) {
					throw context.weirdStringException(value, type, "spaces or control characters around the value");
				}
			}
			return super.deserialize(parser, context);
		}

	}

}

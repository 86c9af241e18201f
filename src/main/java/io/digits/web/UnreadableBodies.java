package io.digits.web;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says in words why a JSON body could not be read: the field at fault (as a path, {@code hiddenLayers[2]}) and what
 * was expected, without Java class names.
 */
final class UnreadableBodies {

	private static final Pattern SOURCE_MARKER = Pattern.compile("\\s*\\((start marker at )?\\[Source: .*?]\\)");

	private final JsonMapper json;

	UnreadableBodies(JsonMapper json) {
		this.json = json;
	}

	String explain(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "unknown field '%s'; known fields: %s".formatted(path(unknown),
					unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
		}
		if (cause instanceof InvalidNullException nullValue && nullValue.getPath().isEmpty()) {
			return "the request body is missing or null: send a JSON object";
		}
		if (cause instanceof InvalidNullException nullValue) {
			return "%s must not be null: leave it out to take its default".formatted(path(nullValue));
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			Class<?> type = mismatch.getTargetType();
			if (type != null && type.isEnum()) {
				return "%s must be one of %s".formatted(path(mismatch), enumValues(type));
			}
			if (type != null && type.isArray() && endsAtAnElement(mismatch)) {
				// the element is at fault, not the array: [null] or ["x"] where numbers belong
				type = type.getComponentType();
			}
			return "%s has the wrong type%s".formatted(path(mismatch),
					type == null ? "" : ": expected " + describeType(type));
		}
		if (cause instanceof MismatchedInputException) {
			// the body as a whole is not an object: [] or "a string"; the target's class name stays inside
			return "the request body must be a JSON object";
		}
		if (cause instanceof InputCoercionException outOfRange && !outOfRange.getPath().isEmpty()) {
			return "%s is out of range: expected %s".formatted(path(outOfRange),
					describeType(outOfRange.getTargetType()));
		}
		if (cause instanceof StreamReadException malformed) {
			return "malformed JSON: " + withoutInternals(malformed.getOriginalMessage());
		}
		if (cause instanceof JacksonException jackson) {
			return withoutInternals(jackson.getOriginalMessage());
		}
		// Spring's own refusal of a required body that is empty or the JSON null
		return "the request body is missing or null: send a JSON object";
	}


	/**
	 * Jackson's message without what only its own user can act on: where an array or object began, in the parser's
	 * words ({@code [Source: REDACTED (`StreamReadFeature...` disabled)...]}), and the settings it names
	 * ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}, {@code from `StreamReadConstraints...`}).
	 */
	static String withoutInternals(String message) {
		return message == null ? "" : SOURCE_MARKER.matcher(message).replaceAll("")
			.replaceAll(":?\\s*enable `[^`]*` to allow", "")
			.replaceAll(",\\s*from `[^`]*`", "")
			.replaceAll("\\s*`[A-Za-z_$][\\w$]*(\\.[\\w$()]+)+`", "");
	}

	private String enumValues(Class<?> type) {
		return Arrays.stream(type.getEnumConstants())
			.map(json::writeValueAsString)
			.collect(Collectors.joining(", "));
	}

	private static String describeType(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
			return "a number";
		}
		if (type.isArray() || List.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return "a string";
		}
		// a map or a record: never a Java class name on the wire
		return "an object";
	}

	private static boolean endsAtAnElement(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		return !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0;
	}

	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}


}

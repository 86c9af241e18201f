package io.digits.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.digits.shared.InvalidFieldException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} with a message a person can act on: the field at fault and the
 * allowed range or values. This handler knows only what is generic: validation, unreadable JSON, upload size and the
 * last resort. Features throw exceptions that carry their own status ({@code ProblemException}), which the base class
 * answers as they are, like Spring's own (wrong content type, missing part).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private final JsonMapper json;

	/** The upload bounds, as set (application.properties sets both): quoted in the refusal. */
	private final String maxFileSize;

	private final String maxRequestSize;

	ProblemHandler(JsonMapper json, @Value("${spring.servlet.multipart.max-file-size:1MB}") String maxFileSize,
			@Value("${spring.servlet.multipart.max-request-size:10MB}") String maxRequestSize) {
		this.json = json;
		this.maxFileSize = maxFileSize;
		this.maxRequestSize = maxRequestSize;
	}

	@ExceptionHandler(InvalidFieldException.class)
	ProblemDetail invalidField(InvalidFieldException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid " + ex.field(), ex.getMessage());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail constraintViolation(ConstraintViolationException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getConstraintViolations()
			.stream()
			.map(violation -> violation.getPropertyPath() + " " + violation.getMessage() + " (was "
					+ violation.getInvalidValue() + ")")
			.sorted()
			.collect(Collectors.joining("; ")));
	}

	/** The last resort: logged with its stack trace, answered without it. */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side: " + ex.getClass().getSimpleName() + ". The log has the details.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message", describe(error)))
			.toList();
		String detail = errors.stream()
			.map(error -> error.get("field") + " " + error.get("message"))
			.collect(Collectors.joining("; "));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
		problem.setProperty("errors", errors);
		if (errors.size() == 1) {
			problem.setProperty("field", errors.get(0).get("field"));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	private static String describe(FieldError error) {
		return error.getDefaultMessage() + " (was " + error.getRejectedValue() + ")";
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getParameterValidationResults()
			.stream()
			.map(result -> result.getMethodParameter().getParameterName() + " "
					+ result.getResolvableErrors().stream().map(e -> e.getDefaultMessage()).collect(Collectors.joining(", "))
					+ " (was " + result.getArgument() + ")")
			.collect(Collectors.joining("; "));
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
				"The upload is too large: at most %s per image and %s per request (spring.servlet.multipart.*)"
					.formatted(maxFileSize, maxRequestSize));
		problem.setProperty("field", "image");
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close").body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		BodyTooLargeException tooLarge = causeOfType(ex, BodyTooLargeException.class);
		if (tooLarge != null) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.header(HttpHeaders.CONNECTION, "close")
				.body(problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", tooLarge.getMessage()));
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", unreadable(ex));
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			problem.setProperty("field", path(jackson));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	private String unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "unknown field '%s'; known fields: %s".formatted(path(unknown),
					unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
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
			return "malformed JSON: " + malformed.getOriginalMessage();
		}
		if (cause instanceof JacksonException jackson) {
			return jackson.getOriginalMessage();
		}
		return "the request body is missing or is not valid JSON";
	}

	private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
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
		return type.getSimpleName();
	}

	private static boolean endsAtAnElement(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		return !path.isEmpty() && path.get(path.size() - 1).getIndex() >= 0;
	}

	private static String path(JacksonException ex) {
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

	private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

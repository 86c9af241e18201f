package io.digits.system;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.digits.inference.ImageRejectedException;
import io.digits.inference.OverloadedException;
import io.digits.model.ActiveModelDeletionException;
import io.digits.model.ModelNotFoundException;
import io.digits.model.ModelUnusableException;
import io.digits.model.NoActiveModelException;
import io.digits.training.JobNotFoundException;
import io.digits.training.QueueFullException;
import io.digits.training.TooManyStreamsException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
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
 * allowed range or values. Spring's own exceptions (wrong content type, missing part, upload too large) come through
 * the base class as problems too.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private final JsonMapper json;

	private final MultipartProperties multipart;

	ProblemHandler(JsonMapper json, MultipartProperties multipart) {
		this.json = json;
		this.multipart = multipart;
	}

	@ExceptionHandler(InvalidFieldException.class)
	ProblemDetail invalidField(InvalidFieldException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid " + ex.field(), ex.getMessage());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler({ JobNotFoundException.class, ModelNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(ActiveModelDeletionException.class)
	ProblemDetail conflict(ActiveModelDeletionException ex) {
		return problem(HttpStatus.CONFLICT, "Model is active", ex.getMessage());
	}

	@ExceptionHandler(ModelUnusableException.class)
	ProblemDetail unusable(ModelUnusableException ex) {
		return problem(HttpStatus.CONFLICT, "Model unusable", ex.getMessage());
	}

	@ExceptionHandler(QueueFullException.class)
	ResponseEntity<ProblemDetail> queueFull(QueueFullException ex) {
		return retryLater(HttpStatus.TOO_MANY_REQUESTS, 30, "Job queue full", ex.getMessage());
	}

	@ExceptionHandler(NoActiveModelException.class)
	ResponseEntity<ProblemDetail> noActiveModel(NoActiveModelException ex) {
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, 60, "No active model", ex.getMessage());
	}

	@ExceptionHandler(OverloadedException.class)
	ResponseEntity<ProblemDetail> overloaded(OverloadedException ex) {
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, 1, "Overloaded", ex.getMessage());
	}

	@ExceptionHandler(TooManyStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException ex) {
		return retryLater(HttpStatus.SERVICE_UNAVAILABLE, 5, "Too many event streams", ex.getMessage());
	}

	@ExceptionHandler(ImageRejectedException.class)
	ProblemDetail imageRejected(ImageRejectedException ex) {
		ProblemDetail problem = problem(ex.status(), "Image rejected", ex.getMessage());
		problem.setProperty("field", "image");
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
					.formatted(multipart.getMaxFileSize(), multipart.getMaxRequestSize()));
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
			return "%s has the wrong type%s".formatted(path(mismatch),
					type == null ? "" : ": expected " + describeType(type));
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

	/** A problem for a refusal that passes: Retry-After says when to ask again. */
	private static ResponseEntity<ProblemDetail> retryLater(HttpStatus status, int seconds, String title, String detail) {
		return ResponseEntity.status(status)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
			.body(problem(status, title, detail));
	}

	private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

package io.digits.web;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.digits.shared.InvalidFieldException;
import io.digits.shared.ProblemException;
import jakarta.validation.ConstraintViolationException;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} with a message a person can act on: the field at fault and the
 * allowed range or values. This handler knows only what is generic: validation, unreadable JSON, upload size and the
 * last resort. Features throw exceptions that carry their own status ({@code ProblemException}), which the base class
 * answers as they are, like Spring's own (wrong content type, missing part).
 */
@RestControllerAdvice
@EnableConfigurationProperties(WebProperties.class) // for the slice tests, which scan no properties
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** {@link WebProperties#maxQuotedValueLength()}: a 600 KB list is not echoed whole, in the detail and in errors. */
	private final int quotedLength;

	private final UnreadableBodies bodies;

	/** The upload bounds, as set (application.properties sets both): quoted in the refusal. */
	private final String maxFileSize;

	private final String maxRequestSize;

	ProblemHandler(JsonMapper json, WebProperties web, @Value("${spring.servlet.multipart.max-file-size:1MB}") String maxFileSize,
			@Value("${spring.servlet.multipart.max-request-size:10MB}") String maxRequestSize) {
		this.bodies = new UnreadableBodies(json);
		this.quotedLength = web.maxQuotedValueLength();
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
					+ quoted(violation.getInvalidValue()) + ")")
			.sorted()
			.collect(Collectors.joining("; ")));
	}

	/**
	 * A multipart body Tomcat cannot parse (a part without its blank line, no boundary, a boundary too long, a NUL in a
	 * file name) is the client's fault: a 400 naming the upload, logged in one line. An I/O error of the service's own
	 * while parsing (a temporary file on a full disk) stays a 500 with its stack trace.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> malformedUpload(MultipartException ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		boolean serviceFault = cause instanceof IOException && !(cause instanceof EOFException)
				&& !(cause instanceof ClientAbortException)
				&& !cause.getClass().getName().startsWith("org.apache.tomcat.util.http.fileupload.");
		if (serviceFault) {
			return unexpected(ex);
		}
		log.warn("Malformed multipart request refused: {}: {}", cause.getClass().getSimpleName(),
				quoted(cause.getMessage()));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed upload",
				"The upload is not well-formed multipart/form-data (a missing or overlong boundary, a part "
						+ "without its headers' blank line, a file name with control characters): send each image as a "
						+ "part named image, as curl -F image=@seven.png does");
		problem.setProperty("field", "image");
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * The last resort: logged with its stack trace, answered without it. Memory running out (the heap, or JavaCPP's
	 * native limits, which ND4J reports as an OutOfMemoryError that Spring wraps) passes: a 503 saying which limit,
	 * with Retry-After, rather than a 500 naming the wrapper.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				log.error("Out of memory answering a request: {}", cause.getMessage());
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaders.RETRY_AFTER, "60")
					.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Out of memory", "The service reached a memory "
							+ "limit (the heap, -Xmx, or native memory, org.bytedeco.javacpp.maxbytes and maxphysicalbytes) "
							+ "and could not answer. Ask again later, or with less at once."));
			}
		}
		log.error("Unexpected error", ex);
		return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side: " + ex.getClass().getSimpleName() + ". The log has the details."));
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

	private String describe(FieldError error) {
		return error.getDefaultMessage() + " (was " + quoted(error.getRejectedValue()) + ")";
	}

	/** A rejected value as quoted in a problem: cut to its bound, saying so. */
	private String quoted(Object value) {
		return StringUtils.truncate(String.valueOf(value), quotedLength);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getParameterValidationResults()
			.stream()
			.map(result -> result.getMethodParameter().getParameterName() + " "
					+ result.getResolvableErrors().stream().map(e -> e.getDefaultMessage()).collect(Collectors.joining(", "))
					+ " (was " + quoted(result.getArgument()) + ")")
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
		// a refusal raised while the body was read (too slow: 408), whichever parser wrapped it, answers as itself
		ProblemException raised = causeOfType(ex, ProblemException.class);
		if (raised != null) {
			return ResponseEntity.status(raised.getStatusCode()).headers(raised.getHeaders()).body(raised.getBody());
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", bodies.explain(ex));
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			problem.setProperty("field", UnreadableBodies.path(jackson));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

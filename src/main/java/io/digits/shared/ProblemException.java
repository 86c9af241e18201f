package io.digits.shared;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal that carries its own answer: status, title, detail and headers. Spring MVC writes it as
 * {@code application/problem+json} without a handler of its own, so each feature states its statuses where it
 * throws them.
 */
public abstract class ProblemException extends ErrorResponseException {

	protected ProblemException(HttpStatus status, String title, String detail) {
		this(status, title, detail, null);
	}

	/** With the failure that caused the refusal, for the log; the answer never shows it. */
	protected ProblemException(HttpStatus status, String title, String detail, Throwable cause) {
		super(status, problem(status, title, detail), cause);
	}

	/** Says when to ask again, for a refusal that passes (a full queue, an overload, nothing active yet). */
	protected final void retryAfter(Duration wait) {
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
	}

	/** Names the request field at fault, for the client to show beside it. */
	protected final void field(String name) {
		getBody().setProperty("field", name);
	}

	/** The detail alone, for logs and for callers that quote it. */
	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

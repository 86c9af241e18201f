package io.digits.openinference;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * What the protocol asks of every exchange under {@code /v2} that the rest of the service answers otherwise.
 * <p>
 * Every refusal is the protocol's {@code {"error": "..."}}, with its status and headers ({@code Retry-After},
 * {@code WWW-Authenticate}) as they were. Refusals come from many places (the token filter, the body limit, Spring
 * MVC's own, the features' exceptions), all as problems whose {@code detail} says what is wrong without internals:
 * each is rewritten here, rather than each place learning a second form. A 500's detail may name the failure's class
 * (ProblemHandler's last resort): it is not carried over.
 * <p>
 * The body of a POST is read as JSON whatever its {@code Content-Type}: the protocol defines no other body, not every
 * client sends one, and {@code curl -d} sends a form's, which Spring would refuse (415) or parse as form fields.
 */
class OpenInferenceFilter extends OncePerRequestFilter {

	private static final String INTERNAL_ERROR = "Something went wrong on our side. The log has the details.";

	private final JsonMapper json;

	OpenInferenceFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter("POST".equals(request.getMethod()) ? new JsonBody(request) : request, answer);
			if (isProblem(answer) && !answer.isCommitted()) {
				rewrite(answer);
			}
		}
		finally {
			answer.copyBodyToResponse();
		}
	}

	private static boolean isProblem(HttpServletResponse response) {
		String contentType = response.getContentType();
		return response.getStatus() >= 400 && contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	private void rewrite(ContentCachingResponseWrapper answer) throws IOException {
		String message = message(answer.getStatus(), answer.getContentAsByteArray());
		answer.resetBuffer();
		answer.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(answer.getOutputStream(), new ErrorResponse(message));
	}

	private String message(int status, byte[] problem) {
		HttpStatus known = HttpStatus.resolve(status);
		String reason = known != null ? known.getReasonPhrase() : "Error " + status;
		if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			return INTERNAL_ERROR;
		}
		try {
			JsonNode body = json.readTree(problem);
			JsonNode detail = body.get("detail");
			JsonNode title = body.get("title");
			return detail != null && detail.isString() ? detail.stringValue()
					: title != null && title.isString() ? title.stringValue() : reason;
		}
		catch (JacksonException ex) {
			// a problem that is not JSON: its status still says what happened
			return reason;
		}
	}

	/** The request as JSON: its {@code Content-Type} reads {@code application/json} unless it already names JSON. */
	private static final class JsonBody extends HttpServletRequestWrapper {

		private final boolean json;

		JsonBody(HttpServletRequest request) {
			super(request);
			String contentType = request.getContentType();
			this.json = contentType != null && isJson(contentType);
		}

		private static boolean isJson(String contentType) {
			try {
				MediaType type = MediaType.parseMediaType(contentType);
				return type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()
						&& !type.isWildcardSubtype() || "json".equals(type.getSubtypeSuffix());
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		@Override
		public String getContentType() {
			return json ? super.getContentType() : MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public String getHeader(String name) {
			return isContentType(name) ? getContentType() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isContentType(name) ? Collections.enumeration(Set.of(getContentType())) : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
			names.removeIf(JsonBody::isContentType);
			names.add(HttpHeaders.CONTENT_TYPE);
			return Collections.enumeration(names);
		}

		private static boolean isContentType(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
		}

	}

}

package io.digits.web.auth;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

import io.digits.web.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks for the bearer token on everything that changes the service (training, cancelling, activating, deleting),
 * and on predictions and reads too when they are protected: 401 without a token, 403 with a wrong one. The Open
 * Inference Protocol's inferences are predictions, its metadata reads, and its health probes are never protected.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private static final Set<String> OPEN_INFERENCE_PROBES = Set.of("/v2/health/live", "/v2/health/ready");

	/**
	 * The protocol's inference paths, matched on the raw URI as a whole: segments of letters, digits, '-' and '_'
	 * only, so that no {@code ..} nor {@code ;} can make another endpoint's path look like one.
	 */
	private static final Pattern OPEN_INFERENCE_INFER = Pattern.compile("/v2/models/[\\w-]+(/versions/[\\w-]+)?/infer");

	private final ApiToken token;

	private final AuthProperties auth;

	private final JsonMapper json;

	ApiTokenFilter(ApiToken token, AuthProperties auth, JsonMapper json) {
		this.token = token;
		this.auth = auth;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!auth.enabled()) {
			return true;
		}
		String path = request.getRequestURI();
		if (OPEN_INFERENCE_PROBES.contains(path)) {
			// the Open Inference Protocol's probes, open as the actuator's are: a probe carries no token
			return true;
		}
		boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
				|| "OPTIONS".equals(request.getMethod());
		boolean prediction = path.equals("/api/predictions") || OPEN_INFERENCE_INFER.matcher(path).matches();
		return (read || prediction) && !auth.protectReads();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			refuse(response, HttpStatus.UNAUTHORIZED, "Token needed",
					("%s %s needs the API token: send 'Authorization: Bearer <token>' (the token is DIGITS_API_TOKEN, "
							+ "or the one generated in the store's api-token file)")
						.formatted(request.getMethod(), request.getRequestURI()));
			return;
		}
		if (!token.matches(header.substring(BEARER.length()).trim())) {
			refuse(response, HttpStatus.FORBIDDEN, "Wrong token", "The bearer token is not this service's API token");
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"digits\"");
		}
		FilterProblems.write(response, json, status, title, detail);
	}

}

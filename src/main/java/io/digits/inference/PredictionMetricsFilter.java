package io.digits.inference;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every request to {@code /api/predictions} from the first byte, multipart parsing included, and counts it by
 * the status it got: also the ones refused before any controller runs (an upload over the size limit).
 */
class PredictionMetricsFilter extends OncePerRequestFilter {

	private final PredictionMetrics metrics;

	PredictionMetricsFilter(PredictionMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			metrics.request(input(request.getContentType()), outcome(response.getStatus()), System.nanoTime() - started);
		}
	}

	private static String input(String contentType) {
		if (contentType == null) {
			return "other";
		}
		if (contentType.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
			return "upload";
		}
		return contentType.startsWith(MediaType.APPLICATION_JSON_VALUE) ? "json" : "other";
	}

	private static String outcome(int status) {
		if (status < 400) {
			return "success";
		}
		if (status == 503) {
			return "unavailable";
		}
		return status < 500 ? "rejected" : "error";
	}

}

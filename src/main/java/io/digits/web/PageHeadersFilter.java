package io.digits.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The page holds the API token, so no other site may frame it (clickjacking a "Start job" or "Activate"), and it
 * runs only its own scripts and styles, so injected markup cannot read the token. The page (index.html, app.js and
 * its modules under js/, app.css, uPlot from /webjars) has no inline script nor style attribute, which this policy
 * relies on. Swagger UI, which needs inline styles, is only kept from being framed.
 */
@Component
class PageHeadersFilter extends OncePerRequestFilter {

	static final String PAGE_POLICY = String.join("; ", "default-src 'self'", "script-src 'self'", "style-src 'self'",
			"img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
			"form-action 'self'", "frame-ancestors 'none'");

	static final String FRAMING_POLICY = "frame-ancestors 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-Content-Type-Options", "nosniff");
		boolean swaggerUi = request.getRequestURI().startsWith("/swagger-ui");
		response.setHeader("Content-Security-Policy", swaggerUi ? FRAMING_POLICY : PAGE_POLICY);
		chain.doFilter(request, response);
	}

}

package io.digits.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to {@code /error} (a TRACE Tomcat refuses, an error sent before Spring MVC
 * answered), as a problem like every other answer, instead of Boot's {@code {"timestamp", ...}}. Asked for directly,
 * {@code /error} is nothing: a 404, not Boot's 500 with status 999. Replaces Boot's BasicErrorController.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	private final int quotedLength;

	ProblemErrorController(WebProperties web) {
		this.quotedLength = web.maxQuotedValueLength();
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null && value >= 400
				? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
		String path = code == null ? request.getRequestURI()
				: String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(status.getReasonPhrase());
		problem.setDetail(detail(status, StringUtils.truncate(path, quotedLength)));
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			// a path that is no URI stays out of the problem; the detail quotes it
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The method is not named: in the error dispatch it is no longer the client's (a refused TRACE reads GET). */
	private static String detail(HttpStatus status, String path) {
		return switch (status) {
			case NOT_FOUND -> "Nothing at %s".formatted(path);
			case METHOD_NOT_ALLOWED -> "The request's method is not allowed on %s (TRACE never is); Allow lists those that are"
				.formatted(path);
			case INTERNAL_SERVER_ERROR -> "Something went wrong on our side. The log has the details.";
			default -> "The request to %s was refused: %s".formatted(path, status.getReasonPhrase());
		};
	}

}

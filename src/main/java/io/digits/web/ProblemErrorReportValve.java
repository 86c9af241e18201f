package io.digits.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error page, for what never reaches Spring (a {@code %00} or a backslash in the path, a request line Tomcat
 * cannot parse), as a problem instead of Tomcat's HTML. Nothing of the request is quoted back: it is what Tomcat could
 * not read. Errors that do reach Spring are answered by {@link ProblemHandler} and {@link ProblemErrorController}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private final JsonMapper json;

	ProblemErrorReportValve(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's own valve: only an error, only once, only when nothing was written and the connection still takes it
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(json.writeValueAsString(problem(status)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client has gone, or the response was committed meanwhile: there is no one left to tell
		}
	}

	static ProblemDetail problem(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(known != null ? known.getReasonPhrase() : "Error " + status);
		problem.setDetail(status == HttpStatus.BAD_REQUEST.value()
				? "The request could not be read: a malformed request line, header or path (a %00 or a backslash in the "
						+ "path, for example)"
				: "The request was refused before it reached the service (%d)".formatted(status));
		return problem;
	}

}

package io.digits.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches /error is a problem with the status it was sent with; /error itself is nothing. Tomcat's refusals that
 * never reach Spring are a problem too ({@link ProblemErrorReportValve}); HostileInputTests sends them over HTTP.
 */
@WebMvcTest(ProblemErrorController.class)
class ProblemErrorControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void errorAskedForDirectlyIsA404ProblemNotA500WithStatus999() {
		MvcTestResult result = mvc.get().uri("/error").exchange();

		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Nothing at /error");
	}

	@Test
	void aRefusedTraceIsA405Problem() {
		MvcTestResult result = forwarded(405, "/api/jobs");

		assertThat(result).hasStatus(405).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Method Not Allowed");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("/api/jobs");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/api/jobs");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(405);
	}

	/** A body shorter than its Content-Length times out in Tomcat, which forwards the 408 here. */
	@Test
	void aRequestTimeoutIsA408Problem() {
		MvcTestResult result = forwarded(408, "/api/jobs");

		assertThat(result).hasStatus(408).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Request Timeout");
	}

	@Test
	void aFaultSaysSoWithoutItsInternals() {
		MvcTestResult result = mvc.get()
			.uri("/error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/jobs")
			.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret internals"))
			.exchange();

		assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyText().doesNotContain("secret internals").doesNotContain("Exception");
	}

	@Test
	void tomcatsOwnRefusalIsAProblemThatQuotesNothingOfTheRequest() {
		assertThat(ProblemErrorReportValve.problem(400).getTitle()).isEqualTo("Bad Request");
		assertThat(ProblemErrorReportValve.problem(400).getDetail()).contains("could not be read");
		assertThat(ProblemErrorReportValve.problem(505).getStatus()).isEqualTo(505);
	}

	private MvcTestResult forwarded(int status, String path) {
		return mvc.get()
			.uri("/error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path)
			.exchange();
	}

}

package io.digits.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page may not be framed and runs only its own scripts and styles (issue 14). PageBrowserTests checks in
 * Chromium that it works under this policy: a violation is a console error there.
 */
@WebMvcTest(ProblemErrorController.class)
class PageHeadersTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void thePageMayNotBeFramedAndRunsOnlyItsOwnScriptsAndStyles() {
		MvcTestResult page = mvc.get().uri("/").exchange();

		assertThat(page).hasStatus(200);
		assertThat(page).hasHeader("X-Frame-Options", "DENY");
		assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'")
			.contains("script-src 'self'")
			.contains("style-src 'self'")
			.doesNotContain("unsafe-inline");
	}

	@Test
	void answersOfTheApiCarryTheFramingHeadersToo() {
		MvcTestResult error = mvc.get().uri("/api/nothing-here").exchange();

		assertThat(error).hasHeader("X-Frame-Options", "DENY");
		assertThat(error.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
	}

	/** The policy forbids inline scripts and style attributes: the page must have none. */
	@Test
	void thePageHasNoInlineScriptNorStyle() throws IOException {
		String html = new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8);

		assertThat(html).doesNotContain("<style").doesNotContain(" style=").doesNotContain("onclick=")
			.doesNotContainPattern("<script(?![^>]*\\bsrc=)");
	}

}

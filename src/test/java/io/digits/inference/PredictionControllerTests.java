package io.digits.inference;

import io.digits.model.NoActiveModelException;
import io.digits.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;

/** The prediction API's web layer: what it refuses before any model runs, and the statuses it answers. */
@WebMvcTest(PredictionController.class)
class PredictionControllerTests {

	private static final String BLANK = "[" + "0,".repeat(783) + "0]";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PredictionService predictions;

	/** The same answer as GET /api/models/active without an active model (ModelControllerTests). */
	@Test
	void noActiveModelIs503WithRetryAfter() {
		when(predictions.predictPixels(any(), isNull(), any(), any())).thenThrow(new NoActiveModelException());

		MvcTestResult result = postJson("{\"pixels\": " + BLANK + "}");

		assertThat(result).hasStatus(503).hasHeader("Retry-After", "60").hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("No active model");
	}

	@Test
	void anOverloadIs503WithAShortRetryAfter() {
		when(predictions.predictPixels(any(), isNull(), any(), any())).thenThrow(new OverloadedException());

		assertThat(postJson("{\"pixels\": " + BLANK + "}")).hasStatus(503).hasHeader("Retry-After", "1");
	}

	/** JavaCPP's native limit reached mid-request (as in a test JVM on 2026-11-30): a 503 naming the limits, not a 500. */
	@Test
	void memoryRunningOutIs503WithRetryAfterNamingTheLimits() {
		when(predictions.predictPixels(any(), isNull(), any(), any()))
			.thenThrow(new OutOfMemoryError("Cannot allocate new LongPointer(2): totalBytes = 2304, physicalBytes = 6282M"));

		MvcTestResult result = postJson("{\"pixels\": " + BLANK + "}");

		assertThat(result).hasStatus(503).hasHeader("Retry-After", "60").hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Out of memory");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("maxphysicalbytes")
			.doesNotContain("ServletException");
	}

	@Test
	void aFieldOutOfBoundsIs400NamingIt() {
		when(predictions.predictPixels(any(), isNull(), any(), any())).thenThrow(new InvalidFieldException("pixels", "784 values"));

		MvcTestResult result = postJson("{\"pixels\": [1, 2, 3]}");

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("pixels");
	}

	@Test
	void malformedJsonAndUnknownScalesAre400BeforeAnyPrediction() {
		assertThat(postJson("{\"pixels\": ")).hasStatus(400);
		assertThat(postJson("{\"pixels\": " + BLANK + ", \"scale\": \"percent\"}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("\"byte\", \"unit\"");
		assertThat(postJson("{\"pixels\": [\"x\"]}")).hasStatus(400).bodyJson().extractingPath("$.field").isEqualTo("pixels[0]");
		assertThat(postJson("{\"pixels\": [null, 0]}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.isEqualTo("pixels[0] has the wrong type: expected a number");
		// Jackson's own words without the parser settings it names
		assertThat(postJson("{\"pixels\": [NaN]}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("malformed JSON: Non-standard token 'NaN'");
		assertThat(postJson("{\"pixels\": [")).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("malformed JSON: Unexpected end-of-input: expected close marker for Array");
	}

	@Test
	void anotherContentTypeIs415() {
		MvcTestResult result = mvc.post().uri("/api/predictions").contentType(MediaType.TEXT_PLAIN).content("7").exchange();

		assertThat(result).hasStatus(415).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private MvcTestResult postJson(String body) {
		return mvc.post().uri("/api/predictions").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

}

package io.digits.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the filter does to bodies, without a server: the places among bodies being read, and the time a body may take. */
class RequestBodyLimitFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void oneBodyTooManyIs503AtOnceNamingTheLimitAndAReadBodyGivesItsPlaceBack() throws Exception {
		RequestBodyLimitFilter filter = new RequestBodyLimitFilter(properties(Duration.ofSeconds(20), 1), JSON);
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockHttpServletResponse afterRead = new MockHttpServletResponse();

		filter.doFilter(json("{}"), new MockHttpServletResponse(), (request, response) -> {
			filter.doFilter(json("{}"), refused, passes());
			request.getInputStream().readAllBytes();
			filter.doFilter(json("{}"), afterRead, passes());
		});

		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getHeader("Connection")).isEqualTo("close");
		assertThat(refused.getContentAsString()).contains("digits.web.max-concurrent-bodies");
		assertThat(afterRead.getStatus()).isEqualTo(200);
	}

	@Test
	void aBodyStillArrivingAfterTheTimeoutIs408() throws Exception {
		RequestBodyLimitFilter filter = new RequestBodyLimitFilter(properties(Duration.ZERO, 100), JSON);

		BodyReadTimeoutException late = catchThrowableOfType(BodyReadTimeoutException.class,
				() -> filter.doFilter(json("{\"pixels\": []}"), new MockHttpServletResponse(),
						(request, response) -> request.getInputStream().read()));

		assertThat(late.getStatusCode().value()).isEqualTo(408);
		assertThat(late.getMessage()).contains("digits.web.body-read-timeout");
		assertThat(late.getHeaders().getFirst("Connection")).isEqualTo("close");
	}

	private static WebProperties properties(Duration bodyReadTimeout, int maxConcurrentBodies) {
		return new WebProperties(DataSize.ofMegabytes(1), 100, bodyReadTimeout, maxConcurrentBodies);
	}

	private static MockHttpServletRequest json(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/predictions");
		request.setContentType("application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static FilterChain passes() {
		return (request, response) -> {
		};
	}

}

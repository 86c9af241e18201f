package io.digits.web;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRequestObservationConventionTests {

	private final ApiRequestObservationConvention convention = new ApiRequestObservationConvention(
			() -> Set.of("/api/predictions", "/api/jobs"));

	@Test
	void theInputTagComesFromTheContentType() {
		assertThat(tag(request("multipart/form-data; boundary=x", "/api/predictions"), 200, "input"))
			.isEqualTo("upload");
		assertThat(tag(request("Multipart/Form-Data; boundary=x", "/api/predictions"), 200, "input"))
			.isEqualTo("upload");
		assertThat(tag(request("application/json", "/api/predictions"), 200, "input")).isEqualTo("json");
		assertThat(tag(request("application/json;charset=UTF-8", "/api/predictions"), 200, "input")).isEqualTo("json");
		assertThat(tag(request("text/plain", "/api/predictions"), 200, "input")).isEqualTo("other");
		assertThat(tag(request(null, "/api/predictions"), 200, "input")).isEqualTo("other");
	}

	@Test
	void aRequestRefusedBeforeAnyHandlerIsNamedWithItsLiteralMappedPath() {
		assertThat(tag(request("multipart/form-data", "/api/predictions"), 413, "uri")).isEqualTo("/api/predictions");
	}

	@Test
	void otherUnmatchedPathsStayUnnamedSoTheTagStaysBounded() {
		assertThat(tag(request("application/json", "/api/jobs/job-123456789012"), 401, "uri")).isEqualTo("UNKNOWN");
		assertThat(tag(request("application/json", "/api/whatever"), 413, "uri")).isEqualTo("UNKNOWN");
		assertThat(tag(request(null, "/api/nothing-here"), 404, "uri")).isEqualTo("NOT_FOUND");
	}

	@Test
	void aMatchedPatternIsKept() {
		MockHttpServletRequest request = request(null, "/api/jobs/job-123456789012");
		ServerRequestObservationContext context = context(request, 200);
		context.setPathPattern("/api/jobs/{id}");
		assertThat(value(context, "uri")).isEqualTo("/api/jobs/{id}");
	}

	private static MockHttpServletRequest request(String contentType, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setContentType(contentType);
		return request;
	}

	private String tag(MockHttpServletRequest request, int status, String key) {
		return value(context(request, status), key);
	}

	private static ServerRequestObservationContext context(MockHttpServletRequest request, int status) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(status);
		return new ServerRequestObservationContext(request, response);
	}

	private String value(ServerRequestObservationContext context, String key) {
		return convention.getLowCardinalityKeyValues(context)
			.stream()
			.filter(keyValue -> keyValue.getKey().equals(key))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

}

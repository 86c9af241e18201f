package io.digits.web.auth;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the filter asks a token of, without a server: the Open Inference Protocol's paths above all. */
class ApiTokenFilterTests {

	@Test
	void theProtocolsInferencesAreOpenAsPredictionsAreAndItsOtherPostsAreNot() {
		ApiTokenFilter open = filter(false);

		assertThat(status(open, "POST", "/v2/models/digits/infer")).isEqualTo(200);
		assertThat(status(open, "POST", "/v2/models/digits/versions/model-0123456789ab/infer")).isEqualTo(200);
		assertThat(status(open, "GET", "/v2/models/digits")).isEqualTo(200);
		assertThat(status(open, "POST", "/v2/repository/models/digits/load")).isEqualTo(401);
		// only whole segments of letters, digits, '-' and '_': no path made to look like an inference
		assertThat(status(open, "POST", "/v2/models/../../api/jobs/x/infer")).isEqualTo(401);
		assertThat(status(open, "POST", "/v2/models/digits;/../../../api/jobs/infer")).isEqualTo(401);
	}

	@Test
	void withReadsProtectedOnlyTheProtocolsProbesStayOpen() {
		ApiTokenFilter closed = filter(true);

		assertThat(status(closed, "GET", "/v2/health/live")).isEqualTo(200);
		assertThat(status(closed, "GET", "/v2/health/ready")).isEqualTo(200);
		assertThat(status(closed, "GET", "/v2/health/ready/../../models/digits")).isEqualTo(401);
		assertThat(status(closed, "GET", "/v2")).isEqualTo(401);
		assertThat(status(closed, "GET", "/v2/models/digits/ready")).isEqualTo(401);
		assertThat(status(closed, "POST", "/v2/models/digits/infer")).isEqualTo(401);
	}

	private static ApiTokenFilter filter(boolean protectReads) {
		AuthProperties auth = new AuthProperties(true, "s3cret", protectReads);
		return new ApiTokenFilter(new ApiToken(auth, null), auth, JsonMapper.builder().build());
	}

	/** 200 when the request passes the filter, else the status it was refused with. */
	private static int status(ApiTokenFilter filter, String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			filter.doFilter(request, response, new MockFilterChain());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		return response.getStatus();
	}

}

package io.digits.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A body that stops arriving in the middle of an array: the parser wraps the timeout in its own exception, and the
 * answer must still be the timeout's 408, not a 400 "unreadable body".
 */
class SlowBodyProblemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aTimeoutInsideAnArrayIsStillA408ThatClosesTheConnection() {
		InputStream trickle = new InputStream() {

			private final InputStream start = new ByteArrayInputStream("{\"pixels\": [0, 0, 0,".getBytes(StandardCharsets.UTF_8));

			@Override
			public int read() throws IOException {
				int next = start.read();
				if (next < 0) {
					throw new BodyReadTimeoutException(Duration.ofSeconds(20));
				}
				return next;
			}

		};
		HttpMessageNotReadableException unreadable = catchThrowableOfType(HttpMessageNotReadableException.class,
				() -> {
					try {
						JSON.readTree(trickle);
					}
					catch (RuntimeException ex) {
						throw new HttpMessageNotReadableException("JSON parse error", ex, new MockHttpInputMessage(new byte[0]));
					}
				});
		ProblemHandler handler = new ProblemHandler(JSON,
				new WebProperties(DataSize.ofMegabytes(1), 100, Duration.ofSeconds(20), 100), "2MB", "16MB");

		ResponseEntity<Object> answer = handler.handleHttpMessageNotReadable(unreadable, new HttpHeaders(),
				HttpStatus.BAD_REQUEST, new ServletWebRequest(new MockHttpServletRequest()));

		assertThat(answer.getStatusCode().value()).isEqualTo(408);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.CONNECTION)).isEqualTo("close");
		assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("digits.web.body-read-timeout");
	}

}

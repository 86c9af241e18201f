package io.digits.sweep;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The sweep API's web layer alone: hostile and out-of-range bodies are 400 problems naming the field, nothing made. */
@WebMvcTest(SweepController.class)
class SweepControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	SweepService sweeps;

	@MockitoBean
	SweepEventStreamer streamer;

	static Stream<Arguments> invalidSweeps() {
		return Stream.of(Arguments.of("{}", "parameters", "must not be null"),
				Arguments.of("{\"parameters\": {}}", "parameters", "size must be between 1 and 13"),
				Arguments.of("{\"parameters\": [1]}", "parameters", "object"),
				Arguments.of("{\"parameters\": {\"learningRate\": {\"uniform\": [1]}}}",
						"parameters[learningRate].uniform", "size must be between 2 and 2"),
				Arguments.of("{\"parameters\": {\"learningRate\": {\"values\": []}}}", "parameters[learningRate].values",
						"size must be between 1 and 100"),
				Arguments.of("{\"parameters\": {\"learningRate\": {\"uniform\": [\"a\", 1]}}}", "parameters", "number"),
				Arguments.of("{\"maxTrials\": 0, \"parameters\": {\"seed\": {\"values\": [1]}}}", "maxTrials",
						"greater than or equal to 1"),
				Arguments.of("{\"maxConcurrent\": 65, \"parameters\": {\"seed\": {\"values\": [1]}}}", "maxConcurrent",
						"less than or equal to 64"),
				Arguments.of("{\"method\": \"bayes\", \"parameters\": {\"seed\": {\"values\": [1]}}}", "method",
						"\"random\", \"grid\""),
				Arguments.of("{\"earlyStopping\": {\"type\": \"hyperband\"}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
						"earlyStopping.type", "\"asha\", \"median\", \"none\""),
				Arguments.of("{\"earlyStopping\": {\"reductionFactor\": 1}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
						"earlyStopping.reductionFactor", "greater than or equal to 2"),
				Arguments.of("{\"base\": {\"epochs\": 0}, \"parameters\": {\"seed\": {\"values\": [1]}}}", "base.epochs",
						"greater than or equal to 1"),
				Arguments.of("{\"objective\": {\"metric\": \"f1\"}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
						"objective.metric", "\"testLoss\""));
	}

	@ParameterizedTest(name = "{0} names {1}")
	@MethodSource("invalidSweeps")
	void eachInvalidFieldIsA400ProblemThatNamesIt(String body, String field, String explanation) {
		MvcTestResult result = post(body);

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").asString().startsWith(field);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(explanation);
		verify(sweeps, never()).create(any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "{\"parameters\": {\"seed\": {\"values\": [1]}}}}", "null", "" })
	void aBodyThatIsNotASweepIsA400Problem(String body) {
		assertThat(post(body)).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verify(sweeps, never()).create(any());
	}

	@Test
	void aListPageOutOfBoundsIsA400Problem() {
		assertThat(mvc.get().uri("/api/sweeps?size=101").exchange()).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(mvc.get().uri("/api/sweeps?page=-1").exchange()).hasStatus(400);
	}

	private MvcTestResult post(String body) {
		return mvc.post().uri("/api/sweeps").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

}

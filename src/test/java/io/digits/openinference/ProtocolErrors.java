package io.digits.openinference;

import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import io.digits.inference.Prediction;
import io.digits.inference.PredictionResponse;
import io.digits.rollout.Role;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** What every refusal under /v2 must look like, and a stand-in for the prediction service's answers. */
final class ProtocolErrors {

	/** A Java type or member as a message might leak it: {@code JsonReadFeature.ALLOW_...}, {@code Foo.bar()}. */
	static final Pattern JAVA_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*\\.[A-Za-z_]|Exception|java\\.|jackson|io\\.digits|\\tat ");

	private ProtocolErrors() {
	}

	/** The protocol's error object and nothing else, with a message that says what and names no internals. */
	static void assertError(MvcTestResult result, int status, String says) {
		assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result.getResponse().getContentType()).doesNotContain("problem");
		assertThat(result).bodyJson().extractingPath("$").asMap().containsOnlyKeys("error");
		assertThat(result).bodyJson().extractingPath("$.error").asString().contains(says).doesNotContainPattern(JAVA_NAME);
	}

	/** N predictions of the digit 3, each with probabilities 0.1. */
	static PredictionResponse answer(int images) {
		float[] probabilities = new float[10];
		java.util.Arrays.fill(probabilities, 0.1f);
		List<Prediction> predictions = Collections.nCopies(images, new Prediction(3, 0.1f, probabilities, List.of(), false, null, null));
		return new PredictionResponse("model-0123456789ab", Role.PRIMARY, predictions);
	}

}

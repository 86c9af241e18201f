package io.digits.sweep.plan;

import io.digits.shared.InvalidFieldException;
import io.digits.training.settings.Metric;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepSpecTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void defaultsAreRandomTenTrialsOneAtATimeByTestLossWithAsha() {
		SweepSpec spec = resolve("{\"parameters\": {\"learningRate\": {\"logUniform\": [1e-4, 1e-1]}}}");

		assertThat(spec.method()).isEqualTo(SearchMethod.RANDOM);
		assertThat(spec.maxTrials()).isEqualTo(10);
		assertThat(spec.maxConcurrent()).isEqualTo(1);
		assertThat(spec.metric()).isEqualTo(Metric.TEST_LOSS);
		assertThat(spec.goal()).isEqualTo(Goal.MINIMIZE);
		assertThat(spec.stopping()).isEqualTo(TrialStoppingType.ASHA);
		assertThat(spec.minEpochs()).isEqualTo(1);
		assertThat(spec.reductionFactor()).isEqualTo(3);
		assertThat(spec.seed()).isEqualTo(42);
		assertThat(spec.better(0.1, 0.2)).isTrue();
		assertThat(resolve("{\"objective\": {\"metric\": \"testAccuracy\"}, \"parameters\": {\"seed\": {\"values\": [1, 2]}}}")
			.goal()).isEqualTo(Goal.MAXIMIZE);
	}

	@Test
	void whatCannotBeSearchedIsRefusedNamingTheParameter() {
		refused("{\"parameters\": {\"colour\": {\"values\": [1]}}}", "parameters.colour", "cannot be searched");
		refused("{\"parameters\": {\"learningRate\": {\"values\": [0.1], \"uniform\": [0, 1]}}}",
				"parameters.learningRate", "exactly one");
		refused("{\"parameters\": {\"learningRate\": {}}}", "parameters.learningRate", "exactly one");
		refused("{\"parameters\": {\"learningRate\": {\"logUniform\": [0, 1]}}}", "parameters.learningRate",
				"above 0");
		refused("{\"parameters\": {\"dropout\": {\"uniform\": [0.5, 0.1]}}}", "parameters.dropout", "low <= high");
		refused("{\"parameters\": {\"activation\": {\"uniform\": [0, 1]}}}", "parameters.activation", "not a number");
		refused("{\"method\": \"grid\", \"parameters\": {\"learningRate\": {\"logUniform\": [1e-4, 1]}}}",
				"parameters.learningRate", "grid");
		refused("{\"objective\": {\"metric\": \"testLoss\", \"goal\": \"maximize\"}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
				"objective.goal", "lower");
		refused("{\"objective\": {\"metric\": \"trainLoss\"}, \"parameters\": {\"seed\": {\"values\": [1]}}}",
				"objective.metric", "testLoss or testAccuracy");
	}

	private static void refused(String sweep, String field, String words) {
		assertThatThrownBy(() -> resolve(sweep)).isInstanceOf(InvalidFieldException.class)
			.hasFieldOrPropertyWithValue("field", field)
			.hasMessageContaining(words);
	}

	private static SweepSpec resolve(String sweep) {
		return SweepSpec.resolve(JSON.readValue(sweep, SweepRequest.class));
	}

}

package io.digits.sweep.plan;

import java.util.List;
import java.util.Map;

import io.digits.shared.InvalidFieldException;
import io.digits.training.JobRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialPlannerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theSameSeedPlansTheSameTrialsAndAnotherSeedOthers() {
		String sweep = """
				{"parameters": {"learningRate": {"logUniform": [1e-5, 3]}, "hiddenLayers": {"values": [[128, 64], [256], [800]]},
				 "dropout": {"uniform": [0, 0.5]}, "batchSize": {"uniform": [16, 256]}}, "maxTrials": 20, "seed": %d}""";

		List<Map<String, Object>> first = plan(sweep.formatted(7)), again = plan(sweep.formatted(7)),
				other = plan(sweep.formatted(8));

		assertThat(first).hasSize(20).isEqualTo(again).isNotEqualTo(other);
		for (Map<String, Object> trial : first) {
			assertThat(trial).containsOnlyKeys("learningRate", "hiddenLayers", "dropout", "batchSize");
			assertThat((Double) trial.get("learningRate")).isBetween(1e-5, 3.0);
			assertThat((Double) trial.get("dropout")).isBetween(0.0, 0.5);
			assertThat(trial.get("batchSize")).isInstanceOf(Integer.class);
			assertThat((Integer) trial.get("batchSize")).isBetween(16, 256);
			assertThat(trial.get("hiddenLayers")).isIn(List.of(128, 64), List.of(256), List.of(800));
		}
	}

	/** Log-uniform: as many draws per decade, so the small rates are tried as often as the large. */
	@Test
	void aLogUniformRangeIsSpreadOverItsDecades() {
		List<Map<String, Object>> trials = plan("""
				{"parameters": {"learningRate": {"logUniform": [1e-6, 1]}}, "maxTrials": 600, "seed": 1}""");

		int[] perDecade = new int[6];
		trials.forEach(trial -> perDecade[(int) Math.floor(-Math.log10((Double) trial.get("learningRate")))]++);
		for (int count : perDecade) {
			assertThat(count).isBetween(70, 130);
		}
	}

	@Test
	void aGridTriesEveryCombinationTheFirstParameterChangingSlowest() {
		List<Map<String, Object>> trials = plan("""
				{"method": "grid", "parameters": {"optimizer": {"values": ["adam", "sgd"]},
				 "batchSize": {"values": [32, 64, 128]}}}""");

		assertThat(trials).extracting(trial -> trial.get("optimizer") + "/" + trial.get("batchSize"))
			.containsExactly("adam/32", "adam/64", "adam/128", "sgd/32", "sgd/64", "sgd/128");
		assertThat(plan("""
				{"method": "grid", "maxTrials": 4, "parameters": {"optimizer": {"values": ["adam", "sgd"]},
				 "batchSize": {"values": [32, 64, 128]}}}""")).hasSize(4);
	}

	@Test
	void aTrialIsTheBaseWithItsParametersInPlaceAndNeverActivates() {
		JobRequest base = JSON.readValue("""
				{"preset": "recommended", "trainLimit": 10000, "epochs": 4, "learningRate": 0.5, "activate": true}""",
				JobRequest.class);

		JobRequest trial = TrialPlanner.trialRequest(JSON, base, Map.of("learningRate", 0.003, "hiddenLayers", List.of(256)));

		assertThat(trial.learningRate()).isEqualTo(0.003);
		assertThat(trial.hiddenLayers()).containsExactly(256);
		assertThat(trial.trainLimit()).isEqualTo(10000);
		assertThat(trial.epochs()).isEqualTo(4);
		assertThat(trial.activateRequested()).isFalse();
		assertThatThrownBy(() -> TrialPlanner.trialRequest(JSON, base, Map.of("activation", "sparkly")))
			.isInstanceOf(InvalidFieldException.class)
			.hasFieldOrPropertyWithValue("field", "parameters.activation");
	}

	private static List<Map<String, Object>> plan(String sweep) {
		return TrialPlanner.plan(SweepSpec.resolve(JSON.readValue(sweep, SweepRequest.class)));
	}

}

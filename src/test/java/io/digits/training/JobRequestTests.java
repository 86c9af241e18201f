package io.digits.training;

import io.digits.shared.InvalidFieldException;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.WeightInitScheme;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a request resolves to: its preset merged under it, then every gap filled with its default. */
class JobRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void anEmptyRequestIsTheRecommendedSeedNetwork() {
		Hyperparameters h = resolve("{}");

		assertThat(h.hiddenLayers()).containsExactly(128, 64);
		assertThat(h.activation()).isEqualTo(Activation.RELU);
		assertThat(h.weightInit()).isEqualTo(WeightInitScheme.RELU);
		assertThat(h.optimizer()).isEqualTo(Optimizer.ADAM);
		assertThat(h.learningRate()).isEqualTo(0.001);
		assertThat(h.batchSize()).isEqualTo(128);
		assertThat(h.epochs()).isEqualTo(10);
		assertThat(h.trainLimit()).isEqualTo(60_000);
		assertThat(h.seed()).isEqualTo(42);
		assertThat(h.weightDecay()).isZero();
	}

	@Test
	void defaultsFollowTheChoicesMade() {
		assertThat(resolve("{\"optimizer\": \"sgd\"}").learningRate()).isEqualTo(0.01);
		assertThat(resolve("{\"optimizer\": \"adamw\"}").weightDecay()).isEqualTo(0.01);
		assertThat(resolve("{\"optimizer\": \"adamw\", \"l2\": 0.001}").weightDecay()).isZero();
		assertThat(resolve("{\"activation\": \"tanh\"}").weightInit()).isEqualTo(WeightInitScheme.XAVIER);
		assertThat(resolve("{\"trainLimit\": 60000}").trainLimit()).isEqualTo(60_000);
	}

	@Test
	void aTrainLimitAboveTheDatasetIsCappedToIt() {
		Hyperparameters h = JSON.readValue("{\"trainLimit\": 60000}", JobRequest.class).resolve(10_000);

		assertThat(h.trainLimit()).isEqualTo(10_000);
	}

	@Test
	void l2AndWeightDecayCannotBeCombined() {
		assertThatThrownBy(() -> resolve("{\"l2\": 0.001, \"weightDecay\": 0.01}"))
			.isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("cannot be combined")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("l2");
	}

	@Test
	void aPresetFillsWhatTheRequestLeavesOutAndTheRequestWins() {
		JobRequest merged = JSON.readValue("{\"preset\": \"seed-question\", \"epochs\": 3, \"activate\": true}",
				JobRequest.class)
			.withPresetApplied(JSON);

		assertThat(merged.preset()).isEqualTo(Preset.SEED_QUESTION);
		assertThat(merged.epochs()).isEqualTo(3);
		assertThat(merged.batchSize()).isEqualTo(60_000);
		assertThat(merged.optimizer()).isEqualTo(Optimizer.SGD);
		assertThat(merged.learningRateSchedule()).isEqualTo(LearningRateSchedule.CONSTANT);
		assertThat(merged.activateRequested()).isTrue();
		assertThat(merged.seed()).isNull();
	}

	@Test
	void everyPresetResolvesWithinItsOwnDescription() {
		assertThat(resolve("{\"preset\": \"seed-question\"}").totalIterations()).isEqualTo(10);
		assertThat(resolve("{\"preset\": \"seed-answer\"}").totalIterations()).isEqualTo(120_000);
		assertThat(resolve("{\"preset\": \"recommended\"}").learningRateSchedule()).isEqualTo(LearningRateSchedule.COSINE);
		assertThat(resolve("{\"preset\": \"wide\"}").hiddenLayers()).containsExactly(800);
		assertThat(resolve("{\"preset\": \"wide\"}").dropout()).isEqualTo(0.2);
	}

	@Test
	void labelledCapturesAreAskedForInFullAndKeptThroughAPreset() {
		assertThat(resolve("{}").labelledCaptures()).isFalse();
		assertThat(resolve("{}").extraData()).isNull();

		Hyperparameters withCaptures = resolve("{\"trainLimit\": 1000, \"extraData\": {\"captures\": {\"labelled\": true}}}");
		assertThat(withCaptures.labelledCaptures()).isTrue();
		assertThat(withCaptures.trainLimit()).isEqualTo(1000);
		assertThat(resolve("{\"preset\": \"recommended\", \"extraData\": {\"captures\": {\"labelled\": true}}}")
			.labelledCaptures()).isTrue();
		assertThat(JSON.writeValueAsString(withCaptures)).contains("\"extraData\":{\"captures\":{\"labelled\":true}}");
		assertThat(JSON.writeValueAsString(resolve("{}"))).doesNotContain("extraData");
	}

	private static Hyperparameters resolve(String json) {
		return JSON.readValue(json, JobRequest.class).withPresetApplied(JSON).resolve(60_000);
	}

}

package io.digits.training;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.digits.data.DatasetName;
import io.digits.inference.PixelScale;
import io.digits.training.events.JobEvent;
import io.digits.training.settings.Activation;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Loss;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.OutputActivation;
import io.digits.training.settings.WeightInitScheme;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.Finding;
import io.digits.training.status.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON the API speaks, with the application's own Jackson settings: one spelling convention, stable events. */
@JsonTest
class WireFormatTests {

	@Autowired
	JsonMapper json;

	static Stream<Class<? extends Enum<?>>> wireEnums() {
		return Stream.of(Activation.class, Optimizer.class, Loss.class, OutputActivation.class, WeightInitScheme.class,
				LearningRateSchedule.class, Preset.class, DatasetName.class, Finding.Severity.class, FailureCause.class,
				PixelScale.class);
	}

	@ParameterizedTest
	@MethodSource("wireEnums")
	void everyEnumValueOnTheWireIsLowerKebabCase(Class<? extends Enum<?>> type) {
		for (Enum<?> value : type.getEnumConstants()) {
			String written = json.writeValueAsString(value);
			assertThat(written).as(type.getSimpleName() + "." + value.name()).matches("\"[a-z0-9]+(-[a-z0-9]+)*\"");
			assertThat(json.readValue(written, type)).isEqualTo(value);
		}
	}

	@Test
	void jobStatesStayUpperCaseAsClusterClientsExpect() {
		assertThat(json.writeValueAsString(JobState.SUCCEEDED)).isEqualTo("\"SUCCEEDED\"");
	}

	@Test
	void theOldSpellingsAreReadForOneRelease() {
		assertThat(json.readValue("\"leakyrelu\"", Activation.class)).isEqualTo(Activation.LEAKYRELU);
		assertThat(json.readValue("\"xavier_uniform\"", WeightInitScheme.class)).isEqualTo(WeightInitScheme.XAVIER_UNIFORM);
		assertThat(json.readValue("\"relu_uniform\"", WeightInitScheme.class)).isEqualTo(WeightInitScheme.RELU_UNIFORM);
		assertThat(json.readValue("\"lecun_normal\"", WeightInitScheme.class)).isEqualTo(WeightInitScheme.LECUN_NORMAL);
		assertThat(json.readValue("\"lecun_uniform\"", WeightInitScheme.class)).isEqualTo(WeightInitScheme.LECUN_UNIFORM);
		// and written the new way
		assertThat(json.writeValueAsString(Activation.LEAKYRELU)).isEqualTo("\"leaky-relu\"");
	}

	@Test
	void eachEventCarriesOnlyItsOwnFields() {
		JsonNode state = json.valueToTree(new JobEvent.State(JobState.FAILED, Instant.parse("2026-11-29T10:00:00Z"), "boom")
			.data());
		JsonNode iteration = json.valueToTree(new JobEvent.Iteration(212, 1, 0.41, 26012.5, 24).data());
		JsonNode epoch = json.valueToTree(
				new JobEvent.Epoch(new EpochSummary(1, 0.32, 0.16, 0.953, 2.3, List.of(0.05, 0.01))).data());
		JsonNode diagnosis = json.valueToTree(new JobEvent.Diagnosis(List.of()).data());

		assertThat(state.propertyNames()).containsExactly("state", "at", "error");
		assertThat(state.get("at").asString()).isEqualTo("2026-11-29T10:00:00Z");
		assertThat(iteration.propertyNames()).containsExactly("iteration", "epoch", "loss", "samplesPerSecond",
				"iterations");
		assertThat(epoch.propertyNames()).containsExactly("epoch", "trainLoss", "testLoss", "testAccuracy", "seconds",
				"deadUnits");
		assertThat(diagnosis.isArray()).isTrue();
	}

	@Test
	void aPresetIsWrittenByItsNameAndItsSettingsAsARequest() {
		JsonNode preset = json.valueToTree(Preset.SEED_QUESTION.settings());

		assertThat(preset.get("batchSize").asInt()).isEqualTo(60_000);
		assertThat(preset.get("optimizer").asString()).isEqualTo("sgd");
		assertThat(preset.has("preset")).isFalse();
	}

}

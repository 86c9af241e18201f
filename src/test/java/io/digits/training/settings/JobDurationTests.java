package io.digits.training.settings;

import java.time.Duration;
import java.util.List;

import io.digits.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static io.digits.training.settings.TrainingBudgetTests.job;
import static io.digits.training.settings.TrainingBudgetTests.limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time a job would hold a training slot, estimated from docs/performance.md's figures, and its bound. */
class JobDurationTests {

	private static final TrainingProperties LIMITS = limits(10_000_000, null, Duration.ofHours(2));

	private static final long MEMORY = 1L << 30;

	@Test
	void theModelGivesTheMeasuredEpochsOfTheSeedNetworkWithinFifteenPercent() {
		// docs/performance.md: 5.01, 1.55 and 0.82 s/epoch at batch 32, 128 and 512
		assertThat(seconds(JobDuration.of(job(List.of(128, 64), 32, 1, 60_000)).perEpoch())).isBetween(5.01 * 0.85, 5.01 * 1.15);
		assertThat(seconds(JobDuration.of(job(List.of(128, 64), 128, 1, 60_000)).perEpoch())).isBetween(1.55 * 0.85, 1.55 * 1.15);
		assertThat(seconds(JobDuration.of(job(List.of(128, 64), 512, 1, 60_000)).perEpoch())).isBetween(0.82 * 0.85, 0.82 * 1.15);
	}

	@Test
	void theFourDayJobIsEstimatedAtFourDaysAndRefusedOnEpochs() {
		Hyperparameters job = job(List.of(16), 1, 3333, 60_000);
		assertThat(JobDuration.of(job).total().toHours()).isBetween(24L * 4, 24L * 5);

		assertThatThrownBy(() -> TrainingBudget.check(job, LIMITS, MEMORY)).isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("3333 epochs of 60000 batches of 1 samples")
			.hasMessageContaining("4.4 days")
			.hasMessageContaining("the limit is 2.0 h")
			.hasMessageContaining("epochs up to 63 fit")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("epochs");
		assertThatCode(() -> TrainingBudget.check(job(List.of(16), 1, 63, 60_000), LIMITS, MEMORY)).doesNotThrowAnyException();
	}

	@Test
	void theLimitIsConfigurable() {
		Hyperparameters defaults = job(List.of(128, 64), 128, 10, 60_000);
		TrainingProperties tenSeconds = limits(10_000_000, null, Duration.ofSeconds(10));

		assertThatCode(() -> TrainingBudget.check(defaults, LIMITS, MEMORY)).doesNotThrowAnyException();
		assertThatThrownBy(() -> TrainingBudget.check(defaults, tenSeconds, MEMORY)).hasMessageContaining("the limit is 10 s")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("epochs");
	}

	@Test
	void whenOneEpochAloneIsTooLongBatchSizeIsNamed() {
		TrainingProperties oneMinute = limits(10_000_000, null, Duration.ofMinutes(1));

		assertThatThrownBy(() -> TrainingBudget.check(job(List.of(128, 64), 1, 1, 60_000), oneMinute, MEMORY))
			.hasMessageContaining("raise batchSize")
			.extracting(ex -> ((InvalidFieldException) ex).field())
			.isEqualTo("batchSize");
	}

	@Test
	void thePresetsAndTheDefaultsFitEasily() {
		// seed-answer: one sample per update for 2 epochs, measured at about 4 minutes
		assertThat(JobDuration.of(job(List.of(128, 64), 1, 2, 60_000)).total()).isBetween(Duration.ofMinutes(3),
				Duration.ofMinutes(6));
		// seed-question: 10 full-batch epochs
		assertThat(JobDuration.of(job(List.of(128, 64), 60_000, 10, 60_000)).total()).isLessThan(Duration.ofSeconds(30));
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}

package io.digits.training;

import java.time.Instant;
import java.util.List;

import io.digits.data.DatasetName;
import io.digits.training.JobComparison.EpochRow;
import io.digits.training.JobComparison.ScoredEpoch;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Metric;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrialOf;
import io.digits.training.settings.WeightInitScheme;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import io.digits.training.status.JobView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Jobs laid side by side from their views: hyperparameters apart and in common, best and last, epochs aligned. */
class JobComparerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void hyperparametersAreSplitIntoDifferingAndSharedComparingListsByValue() {
		JobView a = job("job-00000000000a", hyperparameters(List.of(128, 64), 1e-3, 2), List.of());
		JobView b = job("job-00000000000b", hyperparameters(List.of(128, 64), 1e-2, 2), List.of());
		JobView c = job("job-00000000000c", hyperparameters(List.of(256), 1e-2, 2), List.of());

		JobComparison twoJobs = JobComparer.compare(List.of(a, b), JSON);
		JobComparison threeJobs = JobComparer.compare(List.of(c, a, b), JSON);

		assertThat(twoJobs.differing()).containsOnlyKeys("learningRate");
		assertThat(twoJobs.differing().get("learningRate")).containsExactly(
				entry("job-00000000000a", JSON.valueToTree(1e-3)),
				entry("job-00000000000b", JSON.valueToTree(1e-2)));
		assertThat(twoJobs.shared().get("hiddenLayers")).hasToString("[128,64]");
		assertThat(twoJobs.shared().get("optimizer").asString()).isEqualTo("adam");
		assertThat(twoJobs.shared().get("dataset").asString()).isEqualTo("mnist");
		assertThat(twoJobs.shared().get("batchSize").asInt()).isEqualTo(128);
		// every field of the hyperparameters is on one side or the other, in the record's order; extraData is shown
		// only by jobs that train on more than their dataset
		assertThat(twoJobs.shared().keySet()).startsWith("dataset", "hiddenLayers", "activation", "optimizer")
			.doesNotContain("extraData")
			.hasSize(Hyperparameters.class.getRecordComponents().length - 2);

		assertThat(threeJobs.differing()).containsOnlyKeys("hiddenLayers", "learningRate");
		assertThat(threeJobs.differing().get("hiddenLayers").keySet())
			.containsExactly("job-00000000000c", "job-00000000000a", "job-00000000000b");
		assertThat(threeJobs.differing().get("hiddenLayers").get("job-00000000000c")).hasToString("[256]");
		assertThat(threeJobs.jobs()).extracting(JobComparison.ComparedJob::id)
			.containsExactly("job-00000000000c", "job-00000000000a", "job-00000000000b");
	}

	@Test
	void bestIsTheJobsBestEpochAndLastItsLastNullBeforeTheFirstEpoch() {
		List<EpochSummary> epochs = List.of(epoch(1, 0.40, 0.30, 0.91), epoch(2, 0.20, 0.25, 0.93),
				epoch(3, 0.10, 0.27, 0.94));
		JobView trained = job("job-00000000000a", hyperparameters(List.of(16), 1e-3, 3), epochs);
		JobView queued = job("job-00000000000b", hyperparameters(List.of(16), 1e-3, 3), List.of());

		JobComparison comparison = JobComparer.compare(List.of(trained, queued), JSON);

		JobComparison.ComparedJob first = comparison.jobs().get(0);
		assertThat(first.best()).isEqualTo(new ScoredEpoch(2, 0.20, 0.25, 0.93));
		assertThat(first.last()).isEqualTo(new ScoredEpoch(3, 0.10, 0.27, 0.94));
		assertThat(first.state()).isEqualTo(JobState.SUCCEEDED);
		assertThat(first.sweepId()).isEqualTo("sweep-0123456789ab");
		assertThat(first.modelId()).isEqualTo("model-00000000000a");
		assertThat(comparison.jobs().get(1).best()).isNull();
		assertThat(comparison.jobs().get(1).last()).isNull();
		assertThat(comparison.differing()).isEmpty();
	}

	@Test
	void epochsAreAlignedByNumberAndAJobWithoutAnEpochIsAbsentFromItsRow() {
		JobView twoEpochs = job("job-00000000000a", hyperparameters(List.of(16), 1e-3, 2),
				List.of(epoch(1, 0.5, 0.4, 0.88), epoch(2, 0.3, 0.35, 0.9)));
		JobView threeEpochs = job("job-00000000000b", hyperparameters(List.of(16), 1e-3, 3),
				List.of(epoch(1, 0.6, 0.45, 0.87), epoch(2, 0.4, 0.38, 0.89), epoch(3, 0.2, 0.33, 0.91)));
		JobView none = job("job-00000000000c", hyperparameters(List.of(16), 1e-3, 3), List.of());

		List<EpochRow> rows = JobComparer.compare(List.of(twoEpochs, threeEpochs, none), JSON).epochs();

		assertThat(rows).extracting(EpochRow::epoch).containsExactly(1, 2, 3);
		assertThat(rows.get(0).jobs()).containsOnlyKeys("job-00000000000a", "job-00000000000b");
		assertThat(rows.get(1).jobs().get("job-00000000000a"))
			.isEqualTo(new JobComparison.EpochScores(0.3, 0.35, 0.9));
		assertThat(rows.get(2).jobs()).containsOnlyKeys("job-00000000000b");
		assertThat(rows.get(2).jobs().get("job-00000000000b"))
			.isEqualTo(new JobComparison.EpochScores(0.2, 0.33, 0.91));
	}

	@Test
	void jobsWithoutEpochsHaveNoRows() {
		JobView a = job("job-00000000000a", hyperparameters(List.of(16), 1e-3, 2), List.of());
		JobView b = job("job-00000000000b", hyperparameters(List.of(16), 1e-3, 2), List.of());

		assertThat(JobComparer.compare(List.of(a, b), JSON).epochs()).isEmpty();
	}

	static JobView job(String id, Hyperparameters hyperparameters, List<EpochSummary> epochs) {
		Integer bestEpoch = epochs.isEmpty() ? null
				: EpochSummary.best(epochs, Metric.TEST_LOSS, 0);
		JobState state = epochs.isEmpty() ? JobState.QUEUED : JobState.SUCCEEDED;
		return new JobView(id, state, hyperparameters, false, null, null, null, epochs,
				Instant.parse("2026-11-30T10:00:00Z"), null, null, epochs.isEmpty() ? null : "model-" + id.substring(4),
				null, null, List.of(), null, null, null, StoppingRules.NONE,
				epochs.isEmpty() ? null : new TrialOf("sweep-0123456789ab", 0), null, bestEpoch, 1000, 0, null);
	}

	static Hyperparameters hyperparameters(List<Integer> hiddenLayers, double learningRate, int epochs) {
		return new Hyperparameters(DatasetName.MNIST, hiddenLayers, Activation.RELU, Optimizer.ADAM, learningRate,
				LearningRateSchedule.CONSTANT, 0.9, 128, epochs, 0, 0, 0, WeightInitScheme.RELU, 42, 2000, null, null);
	}

	static EpochSummary epoch(int number, double trainLoss, double testLoss, double testAccuracy) {
		return new EpochSummary(number, trainLoss, testLoss, testAccuracy, 1.0, null);
	}

}

package io.digits.sweep.run;

import java.util.ArrayList;
import java.util.List;

import io.digits.sweep.plan.SweepRequest;
import io.digits.sweep.plan.SweepSpec;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AshaTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void rungsAreMinEpochsTimesPowersOfTheReductionFactorBelowTheLastEpoch() {
		assertThat(Asha.rungs(spec(1, 3), 4)).containsExactly(1, 3);
		assertThat(Asha.rungs(spec(1, 2), 9)).containsExactly(1, 2, 4, 8);
		assertThat(Asha.rungs(spec(2, 3), 30)).containsExactly(2, 6, 18);
		assertThat(Asha.rungs(spec(1, 3), 1)).isEmpty();
	}

	/** With fewer results than the reduction factor, the best 1/3 is nobody: every trial waits. */
	@Test
	void aRungGoesOnOnlyForTheBestThirdOfWhatItHolds() {
		Asha asha = new Asha(spec(1, 3));
		List<TrialResult> two = List.of(trial(0, 0.30), trial(1, 0.50));
		assertThat(asha.standing(two.get(0), 1, two).goesOn()).isFalse();

		List<TrialResult> six = new ArrayList<>(two);
		six.addAll(List.of(trial(2, 0.20), trial(3, 2.30), trial(4, 0.40), trial(5, 0.90)));
		assertThat(six).filteredOn(trial -> asha.standing(trial, 1, six).goesOn())
			.extracting(TrialResult::index)
			.containsExactlyInAnyOrder(0, 2);

		Asha.Standing worst = asha.standing(six.get(3), 1, six);
		StopReason reason = asha.reason("asha", worst, false);
		assertThat(reason.message())
			.isEqualTo("testLoss 2.3000 after 1 epoch is worse than the rung's cutoff 0.3000 (best 1/3 of 6 trials): "
					+ "stopped, as the sweep ended");
		assertThat(reason.value()).isEqualTo(2.3);
		assertThat(reason.cutoff()).isEqualTo(0.3);
	}

	/** Trials stuck at chance all score 10%: ranked by accuracy, their losses still tell them apart. */
	@Test
	void accuracyTiesAreBrokenByTheTestLoss() {
		Asha asha = new Asha(SweepSpec.resolve(JSON.readValue("""
				{"objective": {"metric": "testAccuracy"}, "parameters": {"seed": {"values": [1]}}}""", SweepRequest.class)));
		List<TrialResult> stuck = List.of(trial(0, 2.40, 0.1), trial(1, 2.31, 0.1), trial(2, 2.35, 0.1));
		assertThat(asha.standing(stuck.get(1), 1, stuck).goesOn()).isTrue();
		assertThat(asha.standing(stuck.get(0), 1, stuck).goesOn()).isFalse();
	}

	static TrialResult trial(int index, double testLoss) {
		return trial(index, testLoss, 1 - testLoss / 3);
	}

	static TrialResult trial(int index, double testLoss, double accuracy) {
		return new TrialResult(index, "job-" + index, JobState.PAUSED,
				List.of(new EpochSummary(1, testLoss, testLoss, accuracy, 1.0, null)), 4);
	}

	private static SweepSpec spec(int minEpochs, int reductionFactor) {
		return SweepSpec.resolve(JSON.readValue("""
				{"parameters": {"seed": {"values": [1]}}, "earlyStopping": {"minEpochs": %d, "reductionFactor": %d}}"""
			.formatted(minEpochs, reductionFactor), SweepRequest.class));
	}

}

package io.digits.sweep.run;

import java.util.List;

import io.digits.sweep.plan.SweepRequest;
import io.digits.sweep.plan.SweepSpec;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MedianStopTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MedianStop rule = new MedianStop(SweepSpec.resolve(JSON.readValue("""
			{"parameters": {"seed": {"values": [1]}}, "earlyStopping": {"type": "median", "minEpochs": 2}}""",
			SweepRequest.class)));

	@Test
	void aTrialWorseThanTheMedianOfTheOthersByTheSameEpochIsStopped() {
		List<TrialResult> all = List.of(trial(0, 0.5, 0.3), trial(1, 0.6, 0.35), trial(2, 0.4, 0.25),
				trial(3, 0.9, 0.8));

		StopReason reason = rule.judge(all.get(3), 2, all).orElseThrow();
		assertThat(reason.rule()).isEqualTo("median");
		assertThat(reason.value()).isEqualTo(0.8);
		assertThat(reason.cutoff()).isEqualTo(0.3);
		assertThat(reason.message()).contains("worse than the median 0.3000 of the 3 other trials");
		assertThat(rule.judge(all.get(2), 2, all)).isEmpty();
	}

	@Test
	void nothingIsJudgedBeforeMinEpochsOrWithFewerThanThreeOthers() {
		List<TrialResult> all = List.of(trial(0, 0.5, 0.3), trial(1, 0.6, 0.35), trial(3, 0.9, 0.8));
		assertThat(rule.judge(all.get(2), 2, all)).isEmpty();
		List<TrialResult> four = List.of(trial(0, 0.5, 0.3), trial(1, 0.6, 0.35), trial(2, 0.4, 0.25),
				trial(3, 0.9, 0.8));
		assertThat(rule.judge(four.get(3), 1, four)).isEmpty();
	}

	private static TrialResult trial(int index, double first, double second) {
		return new TrialResult(index, "job-" + index, JobState.RUNNING, List.of(
				new EpochSummary(1, first, first, 0.5, 1.0, null), new EpochSummary(2, second, second, 0.6, 1.0, null)), 5);
	}

}

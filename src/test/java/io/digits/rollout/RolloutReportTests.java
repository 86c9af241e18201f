package io.digits.rollout;

import java.time.Instant;

import io.digits.rollout.RolloutReportView.ModelReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutReportTests {

	@Test
	void agreementPerClassDisagreementAndLatencyPercentilesComeFromWhatWasRecorded() {
		RolloutReport report = new RolloutReport(Instant.parse("2026-11-30T12:00:00Z"), 100);
		for (int i = 1; i <= 100; i++) {
			report.answered("model-a", Role.PRIMARY, 1, i * 1_000_000L);
		}
		report.answered("model-b", Role.CANARY, 2, 5_000_000L);
		report.compared("model-b", Role.CANARY, new int[] { 7, 7, 3, 3 }, new int[] { 7, 1, 3, 3 });
		report.dropped("model-b", Role.CANARY);

		ModelReport primary = report.view().models().get(0);
		ModelReport canary = report.view().models().get(1);

		assertThat(primary.modelId()).isEqualTo("model-a");
		assertThat(primary.requests()).isEqualTo(100);
		assertThat(primary.agreement()).isNull();
		assertThat(primary.p50Ms()).isEqualTo(50.0);
		assertThat(primary.p95Ms()).isEqualTo(95.0);
		assertThat(canary.role()).isEqualTo(Role.CANARY);
		assertThat(canary.compared()).isEqualTo(4);
		assertThat(canary.agreement()).isEqualTo(0.75);
		assertThat(canary.perClass().get(7).compared()).isEqualTo(2);
		assertThat(canary.perClass().get(7).disagreed()).isEqualTo(1);
		assertThat(canary.perClass().get(3).disagreed()).isZero();
		assertThat(canary.dropped()).isEqualTo(1);
	}

	@Test
	void theLatencyWindowKeepsTheLastAnswersOnly() {
		LatencyWindow window = new LatencyWindow(16);
		assertThat(window.millis(0.5)).isNull();
		for (int i = 0; i < 16; i++) {
			window.record(1_000_000_000L);
		}
		for (int i = 0; i < 16; i++) {
			window.record(2_000_000L);
		}
		assertThat(window.millis(0.95)).isEqualTo(2.0);
	}

}

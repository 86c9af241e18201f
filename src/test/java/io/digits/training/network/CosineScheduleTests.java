package io.digits.training.network;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CosineScheduleTests {

	@Test
	void fallsFromTheInitialRateToZeroAlongHalfACosine() {
		CosineSchedule schedule = new CosineSchedule(0.002, 1000);

		assertThat(schedule.valueAt(0, 0)).isCloseTo(0.002, within(1e-15));
		assertThat(schedule.valueAt(250, 0)).isCloseTo(0.002 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-15));
		assertThat(schedule.valueAt(500, 3)).isCloseTo(0.001, within(1e-15));
		assertThat(schedule.valueAt(1000, 9)).isCloseTo(0.0, within(1e-15));
	}

	@Test
	void staysAtZeroPastTheEndAndNeverDividesByZero() {
		assertThat(new CosineSchedule(0.01, 100).valueAt(5000, 0)).isCloseTo(0.0, within(1e-15));
		assertThat(new CosineSchedule(0.01, 0).valueAt(0, 0)).isCloseTo(0.01, within(1e-15));
	}

	@Test
	void aCloneIsTheSameSchedule() {
		CosineSchedule schedule = new CosineSchedule(0.5, 40);

		assertThat(schedule.clone().valueAt(10, 0)).isEqualTo(schedule.valueAt(10, 0));
	}

}

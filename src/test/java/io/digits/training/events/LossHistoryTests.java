package io.digits.training.events;

import java.util.List;

import io.digits.training.status.LossPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LossHistoryTests {

	@Test
	void keepsEveryIterationUpToItsBound() {
		LossHistory history = new LossHistory(1000);
		for (int i = 1; i <= 1000; i++) {
			history.append(i, 1, 1.0 / i, i);
		}

		List<LossPoint> points = history.points(1, Integer.MAX_VALUE);

		assertThat(points).hasSize(1000);
		assertThat(points.get(499).iteration()).isEqualTo(500);
		assertThat(points.get(499).loss()).isEqualTo(1.0f / 500, org.assertj.core.data.Offset.offset(1e-7));
	}

	@Test
	void pastItsBoundKeepsAnEvenlyThinnedCurveFromStartToEnd() {
		LossHistory history = new LossHistory(100);
		for (int i = 1; i <= 60_000; i++) {
			history.append(i, 1 + i / 30_000, 1.0, i);
		}

		List<LossPoint> points = history.points(1, Integer.MAX_VALUE);

		assertThat(points.size()).isBetween(50, 100);
		long stride = points.get(1).iteration() - points.get(0).iteration();
		for (int i = 1; i < points.size(); i++) {
			assertThat(points.get(i).iteration() - points.get(i - 1).iteration()).isEqualTo(stride);
		}
		assertThat(points.get(0).iteration()).isLessThanOrEqualTo(stride);
		assertThat(points.get(points.size() - 1).iteration()).isGreaterThan(60_000 - stride);
	}

	@Test
	void answersAPageFromAnIteration() {
		LossHistory history = new LossHistory(1000);
		for (int i = 1; i <= 300; i++) {
			history.append(i, 1, 0.5, i);
		}

		assertThat(history.points(250, 5)).extracting(LossPoint::iteration).containsExactly(250L, 251L, 252L, 253L, 254L);
		assertThat(history.points(301, 5)).isEmpty();
	}

}

package io.digits.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness goes DOWN, with the reason, once the process is over JavaCPP's resident-memory limit. */
class ReadinessMemoryTests {

	private static final long GB = 1L << 30;

	@Test
	void overJavaCppsPhysicalLimitTheServiceCannotServeAndSaysWhy() {
		// the process left at 4.5 GB after the failed job, under the 4G of jvm.options
		assertThat(ReadinessHealthIndicator.memoryProblem(GB * 9 / 2, 4 * GB)).hasValueSatisfying(reason -> assertThat(
				reason).contains("4,608 MB").contains("4,096 MB").contains("org.bytedeco.javacpp.maxphysicalbytes"));
	}

	@Test
	void underTheLimitOrWithoutOneThereIsNoMemoryProblem() {
		assertThat(ReadinessHealthIndicator.memoryProblem(GB, 4 * GB)).isEmpty();
		assertThat(ReadinessHealthIndicator.memoryProblem(4 * GB, 4 * GB)).isEmpty();
		assertThat(ReadinessHealthIndicator.memoryProblem(9 * GB, 0)).isEmpty();
	}

}

package io.digits.training;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many jobs run and wait, and how much work one job may ask for.
 *
 * @param concurrentJobs jobs training at once; one by default, as training already uses every core
 * @param queueCapacity jobs waiting to run; one more is answered 429
 * @param maxParameters the largest network, in weights and biases (10M is 40 MB of float32 per copy)
 * @param maxSamplesPerJob the most samples one job may process, epochs x training samples (200M is 3000
 *     full-batch epochs of MNIST, the question's longest run)
 * @param retainedJobs finished jobs remembered; the oldest are forgotten first
 * @param nativeThreads threads of ND4J's native ops when {@code OMP_NUM_THREADS} is not set
 */
@ConfigurationProperties("digits.training")
@Validated
public record TrainingProperties(@Min(1) @Max(64) @DefaultValue("1") int concurrentJobs,
		@Min(0) @Max(10_000) @DefaultValue("16") int queueCapacity,
		@Min(1000) @DefaultValue("10000000") long maxParameters,
		@Min(1) @DefaultValue("200000000") long maxSamplesPerJob,
		@Min(1) @DefaultValue("1000") int retainedJobs,
		@Min(1) @Max(256) @DefaultValue("1") int nativeThreads) {
}

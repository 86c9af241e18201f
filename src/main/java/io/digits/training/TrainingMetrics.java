package io.digits.training;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Training meters for Prometheus. Per-job gauges carry a {@code job} label only while the job runs and are removed
 * when it ends, so the number of series stays bounded; counters and timers have no job label.
 */
@Component
public class TrainingMetrics {

	private final MeterRegistry registry;

	private final Counter iterations;

	private final Counter samples;

	private final Map<String, List<Meter>> liveGauges = new ConcurrentHashMap<>();

	TrainingMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.iterations = Counter.builder("digits.training.iterations")
			.description("Parameter updates done, over all jobs")
			.register(registry);
		this.samples = Counter.builder("digits.training.samples")
			.description("Training samples processed, over all jobs")
			.register(registry);
		// present at 0 from the start, so increase() and rate() see the first job end
		for (JobState state : JobState.values()) {
			if (state.isFinal()) {
				endedJobs(state);
			}
		}
	}

	private Counter endedJobs(JobState state) {
		return Counter.builder("digits.training.jobs")
			.description("Jobs ended, by final state")
			.tag("state", state.name().toLowerCase())
			.register(registry);
	}

	void iterationDone(int batchSize) {
		iterations.increment();
		samples.increment(batchSize);
	}

	void jobStarted(TrainingJob job) {
		Tags tags = Tags.of("job", job.id());
		liveGauges.put(job.id(), List.of(
				gauge("digits.training.loss", "Loss of the last iteration of a running job", job, TrainingJob::latestLoss, tags),
				gauge("digits.training.epoch", "Epoch a running job is in, from 1", job, TrainingJob::epoch, tags),
				gauge("digits.training.progress.ratio", "Fraction of a running job's iterations done", job,
						TrainingJob::fraction, tags),
				gauge("digits.training.test.accuracy.ratio", "Test accuracy after a running job's last epoch", job,
						TrainingJob::lastTestAccuracy, tags),
				gauge("digits.training.samples.per.second", "Training throughput of a running job", job,
						TrainingJob::samplesPerSecond, tags)));
	}

	/** Removes the job's gauges; counts it when it ended (not when it only stopped for a shutdown). */
	void jobFinished(TrainingJob job) {
		List<Meter> gauges = liveGauges.remove(job.id());
		if (gauges != null) {
			gauges.forEach(registry::remove);
		}
		if (!job.state().isFinal()) {
			return;
		}
		endedJobs(job.state()).increment();
		Timer.builder("digits.training.job.duration")
			.description("Wall time of jobs from start to end, by final state")
			.tag("state", job.state().name().toLowerCase())
			.register(registry)
			.record(job.runningTime());
	}

	private Gauge gauge(String name, String description, TrainingJob job, ToDoubleFunction<TrainingJob> value,
			Tags tags) {
		return Gauge.builder(name, job, value).description(description).tags(tags).strongReference(true).register(registry);
	}

}

package io.digits.training.job;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.digits.training.status.JobState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Training meters for Prometheus. Per-job gauges are {@link MultiGauge}s with one row per running job, labelled
 * {@code job}: a job's rows go when it ends, so the number of series stays bounded. Counters and timers have no job
 * label.
 */
@Component
public class TrainingMetrics {

	private final MeterRegistry registry;

	private final Counter iterations;

	private final Counter samples;

	private final Set<TrainingJob> running = ConcurrentHashMap.newKeySet();

	private final List<PerJobGauge> perJob;

	/** One per-job gauge: its meter and what it reads off a job. */
	private record PerJobGauge(MultiGauge gauge, ToDoubleFunction<TrainingJob> value) {
	}

	TrainingMetrics(MeterRegistry registry, JobRegistry jobs) {
		this.registry = registry;
		this.iterations = Counter.builder("digits.training.iterations")
			.description("Parameter updates done, over all jobs")
			.register(registry);
		this.samples = Counter.builder("digits.training.samples")
			.description("Training samples processed, over all jobs")
			.register(registry);
		this.perJob = List.of(
				perJob("digits.training.loss", "Loss of the last iteration of a running job",
						job -> job.progress().latestLoss()),
				perJob("digits.training.epoch", "Epoch a running job is in, from 1", job -> job.progress().epoch()),
				perJob("digits.training.progress.ratio", "Fraction of a running job's iterations done",
						job -> job.progress().fraction()),
				perJob("digits.training.test.accuracy.ratio", "Test accuracy after a running job's last epoch",
						job -> job.progress().lastTestAccuracy()),
				perJob("digits.training.samples.per.second", "Training throughput of a running job",
						job -> job.progress().samplesPerSecond()));
		Gauge.builder("digits.training.queue.length", jobs, registered -> registered.countInState(JobState.QUEUED))
			.description("Jobs waiting to run; in the shared mode the cluster's queue, the same on every replica")
			.register(registry);
		Gauge.builder("digits.training.jobs.running", jobs, registered -> registered.countInState(JobState.RUNNING))
			.description("Jobs training now")
			.register(registry);
		// present at 0 from the start, so increase() and rate() see the first job end
		for (JobState state : JobState.values()) {
			if (state.isFinal()) {
				endedJobs(state);
			}
		}
	}

	/**
	 * A job's value reads NaN from the moment it leaves RUNNING until its rows go: the job's end (model registered,
	 * record stored) comes a moment before the rows are removed, and the series must agree with
	 * {@code digits.training.jobs.running} meanwhile.
	 */
	private PerJobGauge perJob(String name, String description, ToDoubleFunction<TrainingJob> value) {
		return new PerJobGauge(MultiGauge.builder(name).description(description).register(registry),
				job -> job.state() == JobState.RUNNING ? value.applyAsDouble(job) : Double.NaN);
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
		running.add(job);
		refreshRows();
	}

	/** Removes the job's rows; counts it when it ended (not when it only stopped for a shutdown). */
	void jobFinished(TrainingJob job) {
		running.remove(job);
		refreshRows();
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

	private synchronized void refreshRows() {
		for (PerJobGauge gauge : perJob) {
			gauge.gauge()
				.register(running.stream()
					.map(job -> MultiGauge.Row.of(Tags.of("job", job.id()), job, gauge.value()))
					.toList(), true);
		}
	}

}

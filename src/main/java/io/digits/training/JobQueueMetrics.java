package io.digits.training;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** Queue length and running jobs, read from the job service at each scrape. */
@Component
class JobQueueMetrics implements MeterBinder {

	private final JobService jobs;

	JobQueueMetrics(JobService jobs) {
		this.jobs = jobs;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("digits.training.queue.length", jobs, service -> service.countInState(JobState.QUEUED))
			.description("Jobs waiting to run")
			.register(registry);
		Gauge.builder("digits.training.jobs.running", jobs, service -> service.countInState(JobState.RUNNING))
			.description("Jobs training now")
			.register(registry);
	}

}

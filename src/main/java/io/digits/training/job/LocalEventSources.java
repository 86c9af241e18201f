package io.digits.training.job;

import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import io.digits.training.events.JobEventSources;
import io.digits.training.events.LogEventSource;

import org.springframework.stereotype.Component;

/** The embedded mode's streams: this process has every event of every job in the job's own log. */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class LocalEventSources implements JobEventSources {

	@Override
	public JobEventSource open(String jobId, JobEventLog log, long afterId, int bufferSize) {
		return new LogEventSource(log.subscribe(afterId, bufferSize));
	}

}

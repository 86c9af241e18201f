package io.digits.training.job;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.digits.shared.ClusterSignals;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.training.events.JobEventJournal;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import io.digits.training.events.JobEventSources;
import io.digits.training.events.JournalEventSource;

import org.springframework.stereotype.Component;

/**
 * The shared mode's streams: from the journal in the database, whichever replica trains the job. The writer of the
 * training replica signals each batch ({@link EventJournaling#CHANNEL}); the streams of that job, on every replica,
 * then read what is new.
 */
@Component
@ConditionalOnStoreMode(StoreMode.SHARED)
class JournalEventSources implements JobEventSources {

	private final JobEventJournal journal;

	private final Map<String, Set<JournalEventSource>> streams = new ConcurrentHashMap<>();

	JournalEventSources(JobEventJournal journal, ClusterSignals signals) {
		this.journal = journal;
		signals.subscribe(EventJournaling.CHANNEL, this::wakeUp);
		signals.onResync(() -> streams.keySet().forEach(this::wakeUp));
	}

	@Override
	public JobEventSource open(String jobId, JobEventLog ignored, long afterId, int bufferSize) {
		Set<JournalEventSource> ofJob = streams.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet());
		JournalEventSource[] source = new JournalEventSource[1];
		source[0] = new JournalEventSource(journal, jobId, afterId, bufferSize, () -> {
			ofJob.remove(source[0]);
			streams.computeIfPresent(jobId, (id, set) -> set.isEmpty() ? null : set);
		});
		ofJob.add(source[0]);
		return source[0];
	}

	private void wakeUp(String jobId) {
		Set<JournalEventSource> ofJob = streams.get(jobId);
		if (ofJob != null) {
			ofJob.forEach(JournalEventSource::wakeUp);
		}
	}

}

package io.digits.training.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.digits.model.ModelMetadata;
import io.digits.model.ModelService;
import io.digits.shared.ConditionalOnStoreMode;
import io.digits.shared.StoreMode;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.FailureCause;
import io.digits.training.status.JobState;
import io.digits.training.store.JobRecord;
import io.digits.training.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads the stored jobs back once every bean exists and before the web server takes a request, so a job is never
 * unknown to a client polling right after a restart: finished ones as they were, queued ones to queue again, running
 * ones to go on from their checkpoint (or, without one, failed as interrupted). The unfinished ones are queued when
 * the service is ready, before anything else that looks at the jobs then. The embedded mode's: in the shared mode the
 * cluster's queue keeps the unfinished jobs, and a replica that died loses its running ones to the others.
 */
@Component
@ConditionalOnStoreMode(StoreMode.EMBEDDED)
class JobRestorer implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(JobRestorer.class);

	private final JobStore store;

	private final JobRegistry registry;

	private final LocalJobQueue scheduler;

	private final ModelService models;

	private final TrainingProperties properties;

	private final Clock clock;

	private final EventJournaling journaling;

	JobRestorer(JobStore store, JobRegistry registry, LocalJobQueue scheduler, ModelService models,
			TrainingProperties properties, Clock clock, EventJournaling journaling) {
		this.journaling = journaling;
		this.store = store;
		this.registry = registry;
		this.scheduler = scheduler;
		this.models = models;
		this.properties = properties;
		this.clock = clock;
	}

	/** Jobs read back that were queued or running: queued again once the service is ready. */
	private final List<TrainingJob> toResume = new ArrayList<>();

	@Override
	public void afterSingletonsInstantiated() {
		int restored = 0;
		for (JobStore.StoredJob stored : store.readAll()) {
			JobRecord record = stored.record();
			TrainingJob job;
			try {
				job = JobReplay.restored(record, stored.loss(), clock, properties.stream());
			}
			catch (RuntimeException ex) {
				log.warn("Ignoring stored job {}: its record cannot be restored ({})", record.id(), ex.toString());
				continue;
			}
			Optional<ModelMetadata> registered = record.state().isFinal() ? Optional.empty() : modelOf(record.id());
			if (record.state().isFinal()) {
				// a crash between the final record and the checkpoint's removal
				store.deleteCheckpoint(record.id());
			}
			else if (registered.isPresent()) {
				// a crash between the model's registration and the job's final record: the job had finished
				finishRegistered(job, registered.get());
			}
			else if (record.state() == JobState.PAUSED) {
				// a sweep's trial waiting for its rung: its sweep queues it again, or stops it
				log.info("Job {} is a paused trial of sweep {}", record.id(), job.trial().map(t -> t.sweepId()).orElse("?"));
			}
			else if (record.state() == JobState.RUNNING && !store.hasCheckpoint(record.id())) {
				job.failed(FailureCause.INTERRUPTED,
						"interrupted by restart: the service stopped before the job's first checkpoint", null);
				registry.ended(job);
			}
			else {
				// its stream goes on with the ids clients saw before the restart
				journaling.resumeFromJournal(job);
				toResume.add(job);
			}
			registry.restored(job);
			restored++;
		}
		if (restored > 0) {
			log.info("Restored {} jobs from the store; {} to queue again", restored, toResume.size());
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void queueAgain() {
		toResume.forEach(this::queueAgain);
		toResume.clear();
	}

	private void queueAgain(TrainingJob job) {
		if (!scheduler.enqueue(job)) {
			job.failed(FailureCause.QUEUE_FULL, "the queue was full when the service restarted", null);
			registry.ended(job);
			log.warn("Job {} could not be queued again after a restart: the queue is full", job.id());
			return;
		}
		log.info("Job {} queued again after a restart{}", job.id(),
				store.hasCheckpoint(job.id()) ? ", to go on from its checkpoint" : "");
	}

	private Optional<ModelMetadata> modelOf(String jobId) {
		return models.list().stream().filter(model -> jobId.equals(model.jobId())).findFirst();
	}

	private void finishRegistered(TrainingJob job, ModelMetadata model) {
		if (job.activate()) {
			try {
				models.activate(model.id());
			}
			catch (RuntimeException ex) {
				log.warn("Job {} asked for its model {} to be active, which failed: {}", job.id(), model.id(),
						ex.toString());
			}
		}
		job.succeeded(model.id(), null);
		registry.ended(job);
		log.info("Job {} had registered model {} before the service stopped: succeeded", job.id(), model.id());
	}

}

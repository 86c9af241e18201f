package io.digits.training;

import io.digits.model.ModelService;
import io.digits.shared.InvalidFieldException;
import io.digits.shared.StoreUnwritableException;
import io.digits.training.job.TrainingJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** On a first start with an empty store, trains the recommended model so a newcomer can predict within minutes. */
@Component
class BootstrapTraining {

	private static final Logger log = LoggerFactory.getLogger(BootstrapTraining.class);

	private final BootstrapProperties properties;

	private final ModelService models;

	private final JobService jobs;

	BootstrapTraining(BootstrapProperties properties, ModelService models, JobService jobs) {
		this.properties = properties;
		this.models = models;
		this.jobs = jobs;
	}

	@EventListener(ApplicationReadyEvent.class)
	void trainFirstModel() {
		if (!properties.enabled() || models.count() > 0 || jobs.count() > 0) {
			return;
		}
		TrainingJob job;
		try {
			job = jobs.submitAsFirst(JobRequest.defaults().activating()).orElse(null);
		}
		catch (InvalidFieldException | StoreUnwritableException ex) {
			log.warn("Cannot train the first model: {}", ex.getMessage());
			return;
		}
		if (job == null) {
			// another replica queued it a moment ago
			return;
		}
		log.info("No model in the store: started bootstrap job {} with the recommended defaults "
				+ "(disable with digits.bootstrap.enabled=false); follow it at /api/jobs/{}", job.id(), job.id());
	}

}

package io.digits.training;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.data.DatasetUnavailableException;
import io.digits.shared.Ids;
import io.digits.shared.InvalidFieldException;
import io.digits.shared.StoreUnwritableException;
import io.digits.training.diagnosis.Diagnosis;
import io.digits.training.job.JobRegistry;
import io.digits.training.job.JobQueue;
import io.digits.training.job.TrainingJob;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.TrainingBudget;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.settings.TrialOf;
import io.digits.training.status.Finding;
import io.digits.training.store.JobFilter;
import io.digits.training.store.JobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * What the training feature offers the rest of Digits and its controllers: submit, find, list and cancel jobs, and
 * diagnose them. The work happens in {@code job/} (queue, runs, restarts) over {@code loop/} (the training loop) and
 * {@code store/} (files or PostgreSQL).
 */
@Service
public class JobService {

	private static final Logger log = LoggerFactory.getLogger(JobService.class);

	private final DatasetRepository datasets;

	private final JobRegistry registry;

	private final JobQueue queue;

	private final TrainingProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	JobService(DatasetRepository datasets, JobRegistry registry, JobQueue queue, TrainingProperties properties,
			JsonMapper json, Clock clock) {
		this.datasets = datasets;
		this.registry = registry;
		this.queue = queue;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Validates, stores, queues and returns the job; throws {@link QueueFullException} when the queue is full and
	 * {@link StoreUnwritableException} when the store cannot hold the job.
	 */
	public TrainingJob submit(JobRequest asked) {
		return submit(asked, false, null).orElseThrow(() -> new QueueFullException(properties.queueCapacity()));
	}

	/**
	 * Submits the job only when no job is stored at all: the first model's bootstrap, which replicas starting together
	 * must not each queue. Empty when there was a job already.
	 */
	public Optional<TrainingJob> submitAsFirst(JobRequest asked) {
		return submit(asked, true, null);
	}

	/** A sweep's trial: an ordinary job, which the sweep's gate asks after each epoch. */
	public TrainingJob submitTrial(JobRequest asked, TrialOf trial) {
		return submit(asked, false, trial).orElseThrow(() -> new QueueFullException(properties.queueCapacity()));
	}

	/**
	 * The hyperparameters the request resolves to, checked as a submission checks them (fields, budget, stopping
	 * rules), without submitting anything.
	 */
	public Hyperparameters check(JobRequest asked) {
		JobRequest request = asked.withPresetApplied(json);
		Dataset dataset = dataset(request.dataset() == null ? DatasetName.MNIST : request.dataset());
		Hyperparameters hyperparameters = request.resolve(dataset.train().count());
		TrainingBudget.check(hyperparameters, properties);
		request.resolveStopping();
		return hyperparameters;
	}

	/** The most images one epoch of these hyperparameters trains on: the dataset's, and the captures at their bound. */
	public int trainingImagesAtMost(Hyperparameters hyperparameters) {
		return TrainingBudget.trainingImagesAtMost(hyperparameters, properties);
	}

	private Optional<TrainingJob> submit(JobRequest asked, boolean onlyAsFirst, TrialOf trial) {
		JobRequest request = asked.withPresetApplied(json);
		Hyperparameters hyperparameters = check(request);
		Dataset dataset = dataset(hyperparameters.dataset());
		List<Finding> setupFindings = Diagnosis.ofSetup(hyperparameters,
				dataset.train().classCounts(hyperparameters.trainLimit()));
		TrainingJob job = TrainingJob.queued(Ids.newId(JobRecord.ID_PREFIX), hyperparameters,
				request.activateRequested(), request.resolveStopping(), trial, setupFindings, clock, properties.stream());
		if (!store(job, onlyAsFirst)) {
			return Optional.empty();
		}
		log.info("Queued job {}: {}", job.id(), hyperparameters);
		return Optional.of(job);
	}

	/** Queues the job once it is stored; a job the store cannot hold is refused, never accepted and then lost. */
	private boolean store(TrainingJob job, boolean onlyAsFirst) {
		try {
			return onlyAsFirst ? queue.submitAsFirst(job) : queue.submit(job);
		}
		catch (IOException ex) {
			log.error("Cannot store job {}: {}", job.id(), ex.toString());
			throw new StoreUnwritableException("The job was not queued", ex);
		}
	}

	private Dataset dataset(DatasetName name) {
		try {
			return datasets.get(name);
		}
		catch (DatasetUnavailableException ex) {
			throw new InvalidFieldException("dataset", ex.getMessage());
		}
	}

	public TrainingJob get(String id) {
		if (!Ids.isWellFormed(JobRecord.ID_PREFIX, id)) {
			throw new JobNotFoundException(id);
		}
		return registry.find(id).orElseThrow(() -> new JobNotFoundException(id));
	}

	/** One page of the jobs the filter lets through, in its order ({@link JobFilter#NONE}: every job, newest first). */
	public List<TrainingJob> list(JobFilter filter, int page, int size) {
		return registry.list(filter, page, size);
	}

	/** The jobs side by side, in the order given; an id that names no job is a 404 naming it. */
	public JobComparison compare(List<String> ids) {
		return JobComparer.compare(ids.stream().map(id -> get(id).view()).toList(), json);
	}

	public int count() {
		return registry.count();
	}

	public TrainingJob cancel(String id) {
		TrainingJob job = get(id);
		queue.cancel(job);
		// as it is now: in the shared mode, the job may be another replica's, read again
		return get(id);
	}

	/** Why the job trains well or badly, from its numbers so far. */
	public List<Finding> diagnose(String id) {
		return Diagnosis.of(get(id).evidence());
	}

}

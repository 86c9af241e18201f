package io.digits.training;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.data.DatasetUnavailableException;
import io.digits.data.LabelledImages;
import io.digits.model.ClassMetrics;
import io.digits.model.ModelMetadata;
import io.digits.model.ModelService;
import io.digits.model.TrainingRecord;
import io.digits.system.Ids;
import io.digits.system.InvalidFieldException;
import jakarta.annotation.PreDestroy;
import org.nd4j.evaluation.classification.Evaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, runs them on a bounded executor (one at a time by default, with a bounded queue), and
 * stores each successful job's network as a new model version.
 */
@Service
public class JobService {

	static final String PREFIX = "job";

	private static final Logger log = LoggerFactory.getLogger(JobService.class);

	private final DatasetRepository datasets;

	private final ModelService models;

	private final Trainer trainer;

	private final TrainingProperties properties;

	private final TrainingMetrics metrics;

	private final JobStore store;

	private final JsonMapper json;

	private final Clock clock;

	private final ThreadPoolExecutor executor;

	/** Every job remembered, oldest first; guarded by itself. */
	private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();

	/** The executor's task of each queued job, to take it out of the queue when the job is cancelled. */
	private final Map<String, Runnable> queuedTasks = new LinkedHashMap<>();

	/** Jobs read back from the store that were queued or running: queued again once the service is up. */
	private final List<TrainingJob> toResume = new ArrayList<>();

	private volatile boolean shuttingDown;

	public JobService(DatasetRepository datasets, ModelService models, Trainer trainer, TrainingProperties properties,
			TrainingMetrics metrics, JobStore store, JsonMapper json, Clock clock) {
		this.datasets = datasets;
		this.models = models;
		this.trainer = trainer;
		this.properties = properties;
		this.metrics = metrics;
		this.store = store;
		this.json = json;
		this.clock = clock;
		BlockingQueue<Runnable> queue = properties.queueCapacity() == 0 ? new SynchronousQueue<>()
				: new ArrayBlockingQueue<>(properties.queueCapacity());
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(properties.concurrentJobs(), properties.concurrentJobs(), 0,
				TimeUnit.SECONDS, queue, task -> {
					Thread thread = new Thread(task, "training-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		restore();
	}

	/**
	 * Reads the stored jobs back: finished ones as they were, queued ones to queue again, running ones to go on from
	 * their checkpoint (or, without one, failed as interrupted).
	 */
	private void restore() {
		for (JobStore.StoredJob stored : store.readAll()) {
			JobRecord record = stored.record();
			TrainingJob job;
			try {
				job = TrainingJob.restored(record, stored.loss(), clock, properties.stream());
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
			else if (record.state() == JobState.RUNNING && !store.hasCheckpoint(record.id())) {
				job.failed("interrupted by restart: the service stopped before the job's first checkpoint");
				storeEnded(job);
			}
			else {
				toResume.add(job);
			}
			jobs.put(job.id(), job);
		}
		if (!jobs.isEmpty()) {
			log.info("Restored {} jobs from the store; {} to queue again", jobs.size(), toResume.size());
		}
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
				log.warn("Job {} asked for its model {} to be active, which failed: {}", job.id(), model.id(), ex.toString());
			}
		}
		job.succeeded(model.id());
		storeEnded(job);
		log.info("Job {} had registered model {} before the service stopped: succeeded", job.id(), model.id());
	}

	@EventListener(ApplicationReadyEvent.class)
	void resumeInterruptedJobs() {
		for (TrainingJob job : toResume) {
			boolean queued;
			synchronized (jobs) {
				queued = enqueue(job);
			}
			if (!queued) {
				job.failed("the queue was full when the service restarted");
				storeEnded(job);
				log.warn("Job {} could not be queued again after a restart: the queue is full", job.id());
				continue;
			}
			log.info("Job {} queued again after a restart{}", job.id(),
					store.hasCheckpoint(job.id()) ? ", to go on from its checkpoint" : "");
		}
		toResume.clear();
	}

	/** Validates, queues and returns the job; throws {@link QueueFullException} when the queue is full. */
	public TrainingJob submit(JobRequest asked) {
		JobRequest request = asked.withPresetApplied();
		DatasetName datasetName = request.dataset() == null ? DatasetName.MNIST : request.dataset();
		Dataset dataset;
		try {
			dataset = datasets.get(datasetName);
		}
		catch (DatasetUnavailableException ex) {
			throw new InvalidFieldException("dataset", ex.getMessage());
		}
		Hyperparameters hyperparameters = Hyperparameters.resolve(request, dataset.train().count());
		TrainingBudget.check(hyperparameters, properties);
		TrainingJob job = new TrainingJob(Ids.newId(PREFIX), hyperparameters, request.activateRequested(),
				Diagnosis.ofSetup(hyperparameters, dataset.train().classCounts(hyperparameters.trainLimit())), clock,
				properties.stream());
		synchronized (jobs) {
			jobs.put(job.id(), job);
			if (!enqueue(job)) {
				jobs.remove(job.id());
				throw new QueueFullException(properties.queueCapacity());
			}
			store.save(job.record());
			forgetOldFinishedJobs();
		}
		log.info("Queued job {}: {}", job.id(), hyperparameters);
		return job;
	}

	/** Hands the job to the executor; false when the queue is full. Called holding the jobs' lock. */
	private boolean enqueue(TrainingJob job) {
		Runnable task = () -> run(job);
		queuedTasks.put(job.id(), task);
		try {
			executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			queuedTasks.remove(job.id());
			return false;
		}
	}

	public TrainingJob get(String id) {
		TrainingJob job = null;
		if (Ids.isWellFormed(PREFIX, id)) {
			synchronized (jobs) {
				job = jobs.get(id);
			}
		}
		if (job == null) {
			throw new JobNotFoundException(id);
		}
		return job;
	}

	/** Newest first. */
	public List<TrainingJob> list(int page, int size) {
		synchronized (jobs) {
			List<TrainingJob> all = new ArrayList<>(jobs.values());
			List<TrainingJob> newestFirst = new ArrayList<>(size);
			for (long i = all.size() - 1 - (long) page * size; i >= 0 && newestFirst.size() < size; i--) {
				newestFirst.add(all.get((int) i));
			}
			return newestFirst;
		}
	}

	public int count() {
		synchronized (jobs) {
			return jobs.size();
		}
	}

	public int countInState(JobState state) {
		synchronized (jobs) {
			return (int) jobs.values().stream().filter(job -> job.state() == state).count();
		}
	}

	public TrainingJob cancel(String id) {
		TrainingJob job = get(id);
		TrainingJob.Cancellation cancellation = job.requestCancel();
		if (cancellation == TrainingJob.Cancellation.CANCELLED) {
			Runnable task;
			synchronized (jobs) {
				task = queuedTasks.remove(id);
			}
			if (task != null) {
				executor.remove(task);
			}
			storeEnded(job);
			metrics.jobFinished(job);
		}
		if (cancellation != TrainingJob.Cancellation.ALREADY_ENDED) {
			log.info("Job {} cancelled ({})", id, cancellation);
		}
		return job;
	}

	private void run(TrainingJob job) {
		synchronized (jobs) {
			queuedTasks.remove(job.id());
		}
		if (shuttingDown || !job.start()) {
			return;
		}
		log.info("Job {} started", job.id());
		store.save(job.record());
		metrics.jobStarted(job);
		try {
			Dataset dataset = datasets.get(job.hyperparameters().dataset());
			Trainer.Outcome outcome = trainer.train(job, dataset);
			if (outcome.status() == Trainer.Status.STOPPED) {
				log.info("Job {} stopped for the shutdown at iteration {}; it goes on at the next start", job.id(),
						job.iteration());
				return;
			}
			if (outcome.status() == Trainer.Status.CANCELLED || job.cancelRequested()) {
				job.cancelled();
				log.info("Job {} cancelled", job.id());
				return;
			}
			ModelMetadata model = models.register(outcome.network(), record(job, outcome.evaluation()));
			if (job.activate()) {
				models.activate(model.id());
			}
			job.succeeded(model.id());
			log.info("Job {} succeeded: model {}, test accuracy {}", job.id(), model.id(), model.testAccuracy());
		}
		catch (TrainingDivergedException ex) {
			job.failed(ex.getMessage());
			log.info("Job {} failed: {}", job.id(), ex.getMessage());
		}
		catch (OutOfMemoryError ex) {
			job.failed("out of memory: %s; try a smaller network or batch".formatted(ex.getMessage()));
			log.warn("Job {} ran out of memory", job.id(), ex);
		}
		catch (IOException | RuntimeException | Error ex) {
			job.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage());
			log.error("Job {} failed", job.id(), ex);
		}
		finally {
			if (job.state().isFinal()) {
				storeEnded(job);
			}
			metrics.jobFinished(job);
		}
	}

	/**
	 * Keeps an ended job as it ended: its final record and whole curve, without the checkpoint it may have (a job
	 * queued again after a restart has one too), and then keeps it small in memory.
	 */
	private void storeEnded(TrainingJob job) {
		store.save(job.record());
		store.saveLoss(job.id(), job.lossHistory().points(1, Integer.MAX_VALUE));
		store.deleteCheckpoint(job.id());
		job.compact();
	}

	private TrainingRecord record(TrainingJob job, TestEvaluation test) {
		Evaluation evaluation = test.evaluation();
		int classes = LabelledImages.CLASSES;
		List<ClassMetrics> perClass = new ArrayList<>();
		int[][] confusion = new int[classes][classes];
		for (int actual = 0; actual < classes; actual++) {
			int support = 0;
			for (int predicted = 0; predicted < classes; predicted++) {
				confusion[actual][predicted] = evaluation.getConfusionMatrix().getCount(actual, predicted);
				support += confusion[actual][predicted];
			}
			perClass.add(new ClassMetrics(actual, evaluation.precision(actual), evaluation.recall(actual), support));
		}
		Map<String, Object> hyperparameters = json.convertValue(job.hyperparameters(), new TypeReference<>() {
		});
		return new TrainingRecord(job.id(), job.hyperparameters().dataset().id(), hyperparameters, test.accuracy(),
				test.loss(), perClass, confusion);
	}

	private void forgetOldFinishedJobs() {
		Iterator<TrainingJob> oldestFirst = jobs.values().iterator();
		while (jobs.size() > properties.retainedJobs() && oldestFirst.hasNext()) {
			TrainingJob job = oldestFirst.next();
			if (job.state().isFinal()) {
				oldestFirst.remove();
				store.delete(job.id());
			}
		}
	}

	/**
	 * Stops cleanly: a running job stops at its next iteration and is checkpointed, queued jobs stay queued in the
	 * store; both go on at the next start. Bounded by 30 s.
	 */
	@PreDestroy
	void shutdown() throws InterruptedException {
		shuttingDown = true;
		executor.getQueue().clear();
		synchronized (jobs) {
			// every job not ended, not only the running ones: a worker may be starting one right now
			jobs.values().stream().filter(job -> !job.state().isFinal()).forEach(TrainingJob::requestStop);
		}
		executor.shutdown();
		if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
			log.warn("A training job did not stop within 30 s; it goes on from its last checkpoint at the next start");
			executor.shutdownNow();
		}
	}

}

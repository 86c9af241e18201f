package io.digits.training.job;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.digits.data.Dataset;
import io.digits.data.DatasetRepository;
import io.digits.data.LabelledImages;
import io.digits.model.ClassMetrics;
import io.digits.model.InputReference;
import io.digits.model.InputReferences;
import io.digits.model.ModelMetadata;
import io.digits.model.ModelService;
import io.digits.model.ReferenceProfile;
import io.digits.model.ReferenceProfiles;
import io.digits.model.TrainingReport;
import io.digits.shared.ReplicaName;
import io.digits.shared.StoreMode;
import io.digits.training.loop.NetworkRelease;
import io.digits.training.loop.TestSetEvaluation;
import io.digits.training.loop.Trainer;
import io.digits.training.loop.TrainingDivergedException;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.FailureCause;
import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;
import io.digits.training.store.JobStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs one job on a training thread: trains it, registers its network as a new model version (and activates it when
 * asked), and ends it in the state it earned, with the reason when it failed.
 */
@Component
class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final DatasetRepository datasets;

	private final ModelService models;

	private final Trainer trainer;

	private final JobRegistry registry;

	private final JobStore store;

	private final TrainingMetrics metrics;

	private final JsonMapper json;

	private final ReplicaName replica;

	private final ObjectProvider<TrialGate> gate;

	private final InputReferences inputReferences;

	private final JobTrainingSet trainingSets;

	/** Zero in the embedded mode, where no other replica reads the record. */
	private final Duration progressInterval;

	JobRunner(DatasetRepository datasets, ModelService models, Trainer trainer, JobRegistry registry, JobStore store,
			TrainingMetrics metrics, JsonMapper json, ReplicaName replica, TrainingProperties properties,
			Environment environment, ObjectProvider<TrialGate> gate, InputReferences inputReferences,
			JobTrainingSet trainingSets) {
		this.gate = gate;
		this.trainingSets = trainingSets;
		this.inputReferences = inputReferences;
		this.progressInterval = StoreMode.of(environment) == StoreMode.SHARED ? properties.cluster().progressInterval()
				: Duration.ZERO;
		this.datasets = datasets;
		this.models = models;
		this.trainer = trainer;
		this.registry = registry;
		this.store = store;
		this.metrics = metrics;
		this.json = json;
		this.replica = replica;
	}

	void run(TrainingJob job) {
		if (!job.start(replica.get())) {
			return;
		}
		log.info("Job {} started on replica {}", job.id(), replica.get());
		registry.save(job);
		metrics.jobStarted(job);
		Trainer.Outcome outcome = null;
		try {
			Dataset dataset = datasets.get(job.hyperparameters().dataset());
			Dataset trainingSet = trainingSets.of(job, dataset);
			if (trainingSet != dataset) {
				// the captures' ids, stored before the first update: a resume trains on these
				registry.save(job);
			}
			outcome = trainer.train(new JobRun(job, store, metrics, progressInterval, gate()), trainingSet);
			if (outcome.status() == Trainer.Status.STOPPED) {
				log.info("Job {} stopped for the shutdown at iteration {}; it goes on at the next start", job.id(),
						job.progress().iteration());
				return;
			}
			if (outcome.status() == Trainer.Status.CANCELLED || job.cancelRequested()) {
				job.cancelled();
				log.info("Job {} cancelled", job.id());
				return;
			}
			switch (outcome.status()) {
				case PAUSED -> {
					job.paused(outcome.stopReason());
					registry.paused(job);
					log.info("Job {} paused: {}", job.id(), outcome.stopReason().message());
				}
				case STOPPED_EARLY -> {
					job.stoppedEarly(outcome.stopReason());
					log.info("Job {} stopped early: {}", job.id(), outcome.stopReason().message());
				}
				default -> register(job, outcome, dataset);
			}
		}
		catch (TrainingDivergedException ex) {
			job.failed(FailureCause.DIVERGED, ex.getMessage(), new StopReason("diverged", job.progress().epoch(), "loss",
					null, null, "Stopped in epoch %d: %s".formatted(job.progress().epoch(), ex.getMessage())));
			log.info("Job {} failed: {}", job.id(), ex.getMessage());
		}
		catch (OutOfMemoryError ex) {
			job.failed(FailureCause.OUT_OF_MEMORY,
					"out of memory: %s; try a smaller network or batch".formatted(ex.getMessage()), null);
			log.warn("Job {} ran out of memory", job.id(), ex);
		}
		catch (IOException | RuntimeException | Error ex) {
			job.failed(FailureCause.ERROR, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
			log.error("Job {} failed", job.id(), ex);
		}
		finally {
			// counted first, the moment the job has ended: a scrape right after the API shows the end sees it too
			metrics.jobFinished(job);
			// A job that failed after training (its model could not be stored) gives its network's native memory back
			// at once, on this thread, whose workspaces they are; Trainer does the same for a run that failed while
			// training. Any other ended job frees its network's arrays, and only those (NetworkRelease.releaseArrays): no
			// explicit collection, which crashed ND4J when the next job began (docs/performance.md, Soak). A job
			// stopped for the shutdown keeps its network: the process is ending.
			if (job.state() == JobState.FAILED) {
				NetworkRelease.release(outcome == null ? null : outcome.network());
			}
			else if ((job.state().isFinal() || job.state() == JobState.PAUSED) && outcome != null) {
				NetworkRelease.releaseArrays(outcome.network());
			}
			if (job.state().isFinal()) {
				registry.ended(job);
			}
			if (job.state().isFinal() || job.state() == JobState.PAUSED) {
				job.trial().ifPresent(trial -> gate().trialChanged(trial, job.id()));
			}
		}
	}

	private TrialGate gate() {
		return gate.getIfAvailable(() -> TrialGate.NONE);
	}

	/** A model worth keeping: registered, activated when asked, and the job succeeded with it. */
	private void register(TrainingJob job, Trainer.Outcome outcome, Dataset dataset) throws IOException {
		ModelMetadata model = models.register(outcome.network(), report(job, outcome.evaluation(),
				profile(outcome.network(), dataset)));
		if (job.activate()) {
			models.activate(model.id());
		}
		if (outcome.stopReason() != null) {
			job.succeeded(model.id(), outcome.stopReason());
			log.info("Job {} ended by its rule ({}): model {}, test accuracy {}", job.id(),
					outcome.stopReason().message(), model.id(), model.testAccuracy());
			return;
		}
		job.succeeded(model.id(), null);
		log.info("Job {} succeeded: model {}, test accuracy {}", job.id(), model.id(), model.testAccuracy());
	}

	/** What the model's inputs and answers look like on its dataset: kept with it for its predictions' flags and drift. */
	private ReferenceProfile profile(MultiLayerNetwork network, Dataset dataset) {
		InputReference input = inputReferences.of(dataset.name().id(), () -> ReferenceProfiles
			.inputReference(dataset.train().features(), dataset.train().labels(), dataset.test().features()));
		return ReferenceProfiles.measure(network, input, dataset.test().features());
	}

	/** What the model keeps of how it was trained and how it scored on the test set. */
	private TrainingReport report(TrainingJob job, TestSetEvaluation test, ReferenceProfile profile) {
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
		List<String> captureIds = job.captureIds() == null ? List.of() : job.captureIds();
		return new TrainingReport(job.id(), job.hyperparameters().dataset().id(), hyperparameters, test.accuracy(),
				test.loss(), perClass, confusion, profile, job.trainingImages(), captureIds.size(), captureIds);
	}

}

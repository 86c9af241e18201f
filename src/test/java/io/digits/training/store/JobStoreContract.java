package io.digits.training.store;

import java.time.Instant;
import java.util.List;

import io.digits.data.DatasetName;
import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.TrainingRun;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Activation;
import io.digits.training.settings.ExtraData;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Metric;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrialOf;
import io.digits.training.settings.WeightInitScheme;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.JobState;
import io.digits.training.status.StopReason;
import io.digits.training.status.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.digits.training.events.JobEvent;
import io.digits.training.events.JobEventJournal;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link JobStore} does, whichever mode holds it: run once on files ({@link FileJobStoreTests}) and once on
 * PostgreSQL ({@link JdbcJobStoreTests}). {@link #reopen()} is a restart: a new store over what the last one wrote.
 * Its lists (filters and sorts) are held by {@link JobListContract}.
 */
abstract class JobStoreContract implements JobListContract {

	static final String JOB = "job-0123456789ab";

	/** A store over what the previous one of this test wrote (a fresh, empty one at the test's start). */
	@Override
	public abstract JobStore reopen();

	/** The mode's event journal, over the same place. */
	abstract JobEventJournal journal();

	/** Events keep their ids and bodies across a restart, come back in order after any id, and go with their job. */
	@Test
	void aJobsEventsAreJournaledInOrderWithTheirIds() throws Exception {
		JobStore store = reopen();
		store.create(record(JOB, JobState.QUEUED, "2026-11-29T21:00:00Z"));
		JobEventLog log = new JobEventLog(100);
		List<JobEventLog.Entry> first = List.of(
				log.publish(new JobEvent.State(JobState.QUEUED, Instant.parse("2026-11-29T21:00:00Z"), null)),
				log.publish(new JobEvent.Iteration(10, 1, 2.25, 1500.0, 10)));
		journal().append(JOB, first);
		journal().append(JOB, List.of(log.publish(new JobEvent.Iteration(20, 1, 1.5, null, 10))));

		assertThat(journal().lastId(JOB)).isEqualTo(3);
		List<JobEventSource.Sent> all = journal().after(JOB, 0, 100);
		assertThat(all).extracting(JobEventSource.Sent::id).containsExactly(1L, 2L, 3L);
		assertThat(all).extracting(JobEventSource.Sent::type).containsExactly("state", "iteration", "iteration");
		assertThat(JSON.readTree((String) all.get(1).data()).get("loss").asDouble()).isEqualTo(2.25);
		assertThat(JSON.readTree((String) all.get(0).data()).get("state").asString()).isEqualTo("QUEUED");
		assertThat(journal().after(JOB, 1, 1)).extracting(JobEventSource.Sent::id).containsExactly(2L);
		assertThat(journal().after(JOB, 3, 100)).isEmpty();
		assertThat(journal().lastId("job-00000000ffff")).isZero();

		store.delete(JOB);
		assertThat(journal().after(JOB, 0, 100)).isEmpty();
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aCreatedJobIsReadBackAfterARestartWithItsLatestRecordAndCurve() throws Exception {
		JobStore store = reopen();
		store.create(record(JOB, JobState.QUEUED, "2026-11-29T21:00:00Z"));
		JobRecord running = new JobRecord(JOB, withCaptures(hyperparameters(1)), true, JobState.RUNNING,
				Instant.parse("2026-11-29T21:00:00Z"), Instant.parse("2026-11-29T21:00:01Z"), null, null, null,
				List.of(new EpochSummary(1, 0.31, 0.27, 0.9213, 1.5, List.of(0.0, 0.125))), 2, 469, 60_000, 1_500_000_000L,
				List.of(), null, "replica-a:8080", Engine.FUSED_CPU, "dense layers, softmax with cross-entropy",
				new StoppingRules(new StoppingRules.EarlyStopping(Metric.TEST_LOSS, 2, 0.001, true),
						new StoppingRules.StopWhen(0.98, null), 600, List.of("diverged")),
				new TrialOf("sweep-0123456789ab", 3),
				new StopReason("asha", 1, "testLoss", 2.3, 0.41, "testLoss 2.30 after 1 epoch is worse than 0.41"),
				List.of("capture-00000000000b", "capture-00000000000a"));
		store.save(running);
		List<LossPoint> curve = List.of(new LossPoint(1, 1, 2.3025, 1_764_450_000_000L),
				new LossPoint(2, 1, 1.875, 1_764_450_000_010L));
		store.saveLoss(JOB, curve);

		JobStore.StoredJob stored = reopen().readAll().get(0);

		assertThat(stored.record()).usingRecursiveComparison().isEqualTo(running);
		assertThat(stored.loss()).isEqualTo(curve);
	}

	/** A diverged job's last epoch has a NaN loss: stored and read back as NaN, not refused by the store. */
	@Test
	void aFailedJobWithANotANumberLossIsKept() throws Exception {
		JobStore store = reopen();
		store.create(record(JOB, JobState.QUEUED, "2026-11-29T21:00:00Z"));
		JobRecord failed = new JobRecord(JOB, hyperparameters(1), false, JobState.FAILED,
				Instant.parse("2026-11-29T21:00:00Z"), null, Instant.parse("2026-11-29T21:00:05Z"), null,
				"the loss became NaN", List.of(new EpochSummary(1, Double.NaN, Double.NaN, 0.098, 1.0, List.of())), 1, 10,
				1280, 1, List.of(), FailureCause.DIVERGED, "replica-b:8080", Engine.DL4J, "dropout", null, null,
				new StopReason("diverged", 1, "loss", null, null, "Stopped in epoch 1: the loss became NaN"), null);
		store.save(failed);

		JobRecord read = reopen().readAll().get(0).record();

		assertThat(read.failure()).isEqualTo(FailureCause.DIVERGED);
		assertThat(read.replica()).isEqualTo("replica-b:8080");
		assertThat(read.epochs().get(0).trainLoss()).isNaN();
	}

	@Test
	void jobsAreReadOldestFirstAndADeletedOneIsGoneWithItsCheckpoint() throws Exception {
		JobStore store = reopen();
		store.create(record("job-00000000000b", JobState.QUEUED, "2026-11-29T21:00:02Z"));
		store.create(record("job-00000000000a", JobState.QUEUED, "2026-11-29T21:00:01Z"));
		store.create(record("job-00000000000c", JobState.QUEUED, "2026-11-29T21:00:03Z"));
		store.saveCheckpoint("job-00000000000c", NetworkFactory.create(hyperparameters(1)), new Checkpoint(1, 0, 10));

		store.delete("job-00000000000c");

		JobStore reopened = reopen();
		assertThat(reopened.readAll()).extracting(job -> job.record().id())
			.containsExactly("job-00000000000a", "job-00000000000b");
		assertThat(reopened.hasCheckpoint("job-00000000000c")).isFalse();
		assertThat(reopened.loadCheckpoint("job-00000000000c")).isEmpty();
	}

	@Test
	void aCheckpointIsReplacedWholeReadBackAfterARestartAndDeleted() throws Exception {
		JobStore store = reopen();
		store.create(record(JOB, JobState.RUNNING, "2026-11-29T21:00:00Z"));
		assertThat(store.hasCheckpoint(JOB)).isFalse();
		assertThat(store.loadCheckpoint(JOB)).isEmpty();
		MultiLayerNetwork afterEpochTwo = NetworkFactory.create(hyperparameters(2));
		store.saveCheckpoint(JOB, NetworkFactory.create(hyperparameters(1)), new Checkpoint(1, 0, 100));
		store.saveCheckpoint(JOB, afterEpochTwo, new Checkpoint(2, 3, 230));

		JobStore reopened = reopen();
		TrainingRun.Resumable restored = reopened.loadCheckpoint(JOB).orElseThrow();
		assertThat(restored.checkpoint()).isEqualTo(new Checkpoint(2, 3, 230));
		assertThat(restored.network().params()).isEqualTo(afterEpochTwo.params());
		assertThat(restored.network().getUpdater().getStateViewArray())
			.isEqualTo(afterEpochTwo.getUpdater().getStateViewArray());

		reopened.deleteCheckpoint(JOB);
		assertThat(reopen().hasCheckpoint(JOB)).isFalse();
		assertThat(reopen().readAll()).hasSize(1);
	}

	static JobRecord record(String id, JobState state, String createdAt) {
		return new JobRecord(id, hyperparameters(1), false, state, Instant.parse(createdAt), null, null, null, null,
				List.of(), 0, 0, 0, 0, List.of(), null, null, null, null, null, null, null, null);
	}

	/** The same, trained on the labelled captures too. */
	static Hyperparameters withCaptures(Hyperparameters h) {
		return new Hyperparameters(h.dataset(), h.hiddenLayers(), h.activation(), h.optimizer(), h.learningRate(),
				h.learningRateSchedule(), h.momentum(), h.batchSize(), h.epochs(), h.l2(), h.weightDecay(), h.dropout(),
				h.weightInit(), h.seed(), h.trainLimit(), h.outputActivation(), h.loss(), ExtraData.LABELLED_CAPTURES);
	}

	static Hyperparameters hyperparameters(long seed) {
		return new Hyperparameters(DatasetName.MNIST, List.of(16), Activation.RELU, Optimizer.ADAM, 1e-3,
				LearningRateSchedule.CONSTANT, 0.9, 128, 2, 0, 0, 0, WeightInitScheme.RELU, seed, 1000, null, null);
	}

}

package io.digits.training.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.digits.data.DatasetName;
import io.digits.shared.StoreProperties;
import io.digits.shared.StoreUnwritableException;
import io.digits.training.events.JobEvent;
import io.digits.training.events.JobEventJournal;
import io.digits.training.events.JobEventLog;
import io.digits.training.events.JobEventSource;
import io.digits.training.loop.Checkpoint;
import io.digits.training.loop.TrainingRun;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.WeightInitScheme;
import io.digits.training.status.JobState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The file store: the contract, and what only files can go through (a full disk, leftovers of interrupted writes). */
class FileJobStoreTests extends JobStoreContract {

	@TempDir
	Path storeDir;

	@Test
	void aCrashBetweenACheckpointsNetworkAndItsRecordLeavesThePreviousCheckpointWhole() throws Exception {
		FileJobStore store = openStore();
		MultiLayerNetwork afterEpochOne = NetworkFactory.create(hyperparameters(1));
		MultiLayerNetwork afterEpochTwo = NetworkFactory.create(hyperparameters(2));
		store.saveCheckpoint(JOB, afterEpochOne, new Checkpoint(1, 0, 100));

		// the next checkpoint's network is written, then the service dies before its record
		store.saveCheckpointNetwork(JOB, afterEpochTwo, new Checkpoint(2, 0, 200));

		TrainingRun.Resumable restored = store.loadCheckpoint(JOB).orElseThrow();
		assertThat(restored.checkpoint()).isEqualTo(new Checkpoint(1, 0, 100));
		assertThat(restored.network().params()).isEqualTo(afterEpochOne.params());
		assertThat(restored.network().params()).isNotEqualTo(afterEpochTwo.params());
	}

	@Test
	void aWholeCheckpointLeavesOneZipBesideItsRecordAndNoneOnceDeleted() throws Exception {
		FileJobStore store = openStore();
		store.saveCheckpoint(JOB, NetworkFactory.create(hyperparameters(1)), new Checkpoint(1, 0, 100));
		store.saveCheckpoint(JOB, NetworkFactory.create(hyperparameters(2)), new Checkpoint(2, 3, 230));

		assertThat(checkpointFiles()).containsExactlyInAnyOrder("checkpoint.json", "checkpoint-2-3.zip");

		store.deleteCheckpoint(JOB);
		assertThat(store.hasCheckpoint(JOB)).isFalse();
		assertThat(checkpointFiles()).isEmpty();
	}

	/** A full disk (ENOSPC, from /dev/full) under the job's record: refused with the store named, nothing left. */
	@Test
	void aNewJobTheDiskCannotHoldIsRefusedAndLeavesNothingBehind() throws Exception {
		FileJobStore store = openStore();
		Path dir = Files.createDirectories(storeDir.resolve("jobs").resolve(JOB));
		Files.createSymbolicLink(dir.resolve("job.json.tmp"), Paths.get("/dev/full"));

		IOException failure = catchThrowableOfType(IOException.class, () -> store.create(record()));

		assertThat(failure).hasMessageContaining("No space left on device");
		StoreUnwritableException refusal = new StoreUnwritableException("The job was not queued", failure);
		assertThat(refusal.getStatusCode().value()).isEqualTo(507);
		assertThat(refusal.getMessage()).isEqualTo("The job was not queued: the store (digits.store.dir) is full.");
		assertThat(dir).doesNotExist();
		assertThat(store.readAll()).isEmpty();
	}

	/** A job stored whole is read back; the training thread's later saves on a full disk are logged, never thrown. */
	@Test
	void aStoredJobIsReadBackAndALaterSaveOnAFullDiskKeepsTheStoredRecord() throws Exception {
		FileJobStore store = openStore();
		store.create(record());
		Files.createSymbolicLink(storeDir.resolve("jobs").resolve(JOB).resolve("job.json.tmp"), Paths.get("/dev/full"));

		store.save(record());

		assertThat(store.readAll()).singleElement().satisfies(job -> assertThat(job.record().id()).isEqualTo(JOB));
		assertThat(storeDir.resolve("jobs").resolve(JOB).resolve("job.json.tmp")).doesNotExist();
	}

	/** A record of an earlier release, without the captures' fields, reads as a job trained on its dataset alone. */
	@Test
	void aRecordWrittenBeforeCapturesWereKeptReadsAsTrainedOnItsDatasetAlone() throws Exception {
		openStore().create(record());
		Path file = storeDir.resolve("jobs").resolve(JOB).resolve("job.json");
		String written = Files.readString(file);
		Files.writeString(file, written.replace(",\"captureIds\":null", ""));
		assertThat(Files.readString(file)).doesNotContain("captureIds").doesNotContain("extraData");

		JobRecord read = openStore().readAll().get(0).record();

		assertThat(read.captureIds()).isNull();
		assertThat(read.hyperparameters().labelledCaptures()).isFalse();
		assertThat(read.trainingImages()).isEqualTo(read.hyperparameters().trainLimit());
	}

	/** What a crash or a full disk left mid-write (an empty job.json.tmp) is cleaned when the store opens. */
	@Test
	void temporaryFilesOfInterruptedWritesAreDeletedAtStart() throws Exception {
		openStore().create(record());
		Path dir = storeDir.resolve("jobs").resolve(JOB);
		Files.createFile(dir.resolve("job.json.tmp"));
		Files.writeString(dir.resolve("loss.csv.tmp"), "iteration,epo");

		JobStore reopened = openStore();

		assertThat(dir.resolve("job.json.tmp")).doesNotExist();
		assertThat(dir.resolve("loss.csv.tmp")).doesNotExist();
		assertThat(dir.resolve("job.json")).exists();
		assertThat(reopened.readAll()).hasSize(1);
	}

	@Override
	public JobStore reopen() {
		return openStore();
	}

	@Override
	JobEventJournal journal() {
		return new FileEventJournal(new StoreProperties(storeDir, 4, DataSize.ofMegabytes(128)), JsonMapper.builder().build());
	}

	/** A line a kill cut short is skipped, and what was appended after the restart is read. */
	@Test
	void aJournalLineCutShortIsSkipped() throws Exception {
		JobStore store = openStore();
		store.create(record());
		JobEventLog log = new JobEventLog(10);
		journal().append(JOB, List.of(log.publish(new JobEvent.Iteration(1, 1, 2.0, null, 1))));
		Files.writeString(storeDir.resolve("jobs").resolve(JOB).resolve("events.jsonl"), "{\"id\":2,\"type\":\"itera",
				java.nio.file.StandardOpenOption.APPEND);
		journal().append(JOB, List.of(log.publish(new JobEvent.Iteration(2, 1, 1.0, null, 1)),
				log.publish(new JobEvent.Iteration(3, 1, 0.5, null, 1))));

		assertThat(journal().after(JOB, 0, 10)).extracting(JobEventSource.Sent::id).containsExactly(1L, 3L);
	}

	private FileJobStore openStore() {
		return new FileJobStore(new StoreProperties(storeDir, 4, DataSize.ofMegabytes(128)), JsonMapper.builder().build());
	}

	private static JobRecord record() {
		return record(JOB, JobState.QUEUED, "2026-11-29T21:00:00Z");
	}

	private List<String> checkpointFiles() throws Exception {
		try (Stream<Path> files = Files.list(storeDir.resolve("jobs").resolve(JOB))) {
			return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("checkpoint")).toList();
		}
	}

}

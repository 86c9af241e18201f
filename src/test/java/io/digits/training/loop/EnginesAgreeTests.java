package io.digits.training.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import io.digits.training.JobRequest;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.TrainingProperties;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.StopReason;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The default job on real MNIST, trained by the fused CPU step and by DL4J's fit from the same seed: the engine each
 * reports, test accuracies within 0.3 points epoch by epoch, and the fused engine deterministic (the same seed, the
 * same accuracies); and the {@code recommended} preset (Adam, batch 64, cosine rate) within 0.3 points after 3 epochs. The step-level equality is FusedDenseStepTests'; this is the whole loop.
 */
@SlowTest
class EnginesAgreeTests {

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	@Test
	void theFusedStepAndDl4jTrainTheDefaultJobToTheSameAccuracy() throws Exception {
		Hyperparameters h = JobRequest.defaults().resolve(MNIST.train().count());

		Run fused = train(h, true);
		Run dl4j = train(h, false);
		Run fusedAgain = train(h, true);

		assertThat(fused.engine).isEqualTo(Engine.FUSED_CPU);
		assertThat(dl4j.engine).isEqualTo(Engine.DL4J);
		assertThat(dl4j.reason).contains("digits.training.fused-cpu=false");
		System.out.printf("Test accuracy per epoch, fused %s, DL4J %s; seconds per epoch, fused %s, DL4J %s%n",
				fused.accuracies(), dl4j.accuracies(), fused.seconds(), dl4j.seconds());
		assertThat(fused.accuracies()).hasSize(h.epochs());
		for (int epoch = 0; epoch < h.epochs(); epoch++) {
			assertThat(fused.accuracies().get(epoch)).isCloseTo(dl4j.accuracies().get(epoch), within(0.003));
		}
		assertThat(fusedAgain.accuracies()).isEqualTo(fused.accuracies());
	}

	@Test
	void theFusedStepAndDl4jTrainTheRecommendedPresetToTheSameAccuracyAfterThreeEpochs() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		Hyperparameters h = json.readValue("{\"preset\": \"recommended\", \"epochs\": 3}", JobRequest.class)
			.withPresetApplied(json)
			.resolve(MNIST.train().count());

		Run fused = train(h, true);
		Run dl4j = train(h, false);

		assertThat(fused.engine).isEqualTo(Engine.FUSED_CPU);
		System.out.printf("recommended, 3 epochs: test accuracy fused %s, DL4J %s; seconds per epoch, fused %s, DL4J %s%n",
				fused.accuracies(), dl4j.accuracies(), fused.seconds(), dl4j.seconds());
		assertThat(fused.accuracies().get(2)).isCloseTo(dl4j.accuracies().get(2), within(0.003));
	}

	private static Run train(Hyperparameters h, boolean fusedCpu) throws Exception {
		TrainingProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("digits.training.fused-cpu", String.valueOf(fusedCpu))))
			.bindOrCreate("digits.training", TrainingProperties.class);
		Run run = new Run(h);
		Trainer.Outcome outcome = new Trainer(properties).train(run, MNIST);
		assertThat(outcome.status()).isEqualTo(Trainer.Status.COMPLETED);
		NetworkRelease.releaseArrays(outcome.network());
		return run;
	}

	/** A run as the loop sees it: nothing stored, the epochs and the engine kept. */
	private static final class Run implements TrainingRun {

		private final Hyperparameters h;

		private final List<EpochSummary> epochs = new ArrayList<>();

		private Engine engine;

		private String reason;

		private long iterations;

		private final int images;

		Run(Hyperparameters h) {
			this(h, h.trainLimit());
		}

		Run(Hyperparameters h, int images) {
			this.h = h;
			this.images = images;
		}

		List<Double> accuracies() {
			return epochs.stream().map(EpochSummary::testAccuracy).toList();
		}

		List<String> seconds() {
			return epochs.stream().map(epoch -> "%.2f".formatted(epoch.seconds())).toList();
		}

		@Override
		public Hyperparameters hyperparameters() {
			return h;
		}

		@Override
		public int trainingImages() {
			return images;
		}

		@Override
		public Optional<Engine> engine() {
			return Optional.empty();
		}

		@Override
		public StoppingRules stopping() {
			return StoppingRules.NONE;
		}

		@Override
		public List<EpochSummary> epochsDone() {
			return epochs;
		}

		@Override
		public Optional<StopReason> stopNow(int epoch) {
			return Optional.empty();
		}

		@Override
		public EpochVerdict afterEpoch(EpochSummary summary) {
			return EpochVerdict.GO_ON;
		}

		@Override
		public void engineChosen(Engine engine, String reason) {
			this.engine = engine;
			this.reason = reason;
		}

		@Override
		public Optional<Resumable> resumeFrom() {
			return Optional.empty();
		}

		@Override
		public void rewindTo(Checkpoint checkpoint) {
		}

		@Override
		public void epochStarted(int epoch) {
		}

		@Override
		public void iterationDone(double loss, int batchSize, long nanos) {
			iterations++;
		}

		@Override
		public void epochDone(EpochSummary summary) {
			epochs.add(summary);
		}

		@Override
		public boolean cancelRequested() {
			return false;
		}

		@Override
		public boolean stopRequested() {
			return false;
		}

		@Override
		public long iteration() {
			return iterations;
		}

		@Override
		public void checkpoint(MultiLayerNetwork network, Checkpoint checkpoint) {
		}

	}

}

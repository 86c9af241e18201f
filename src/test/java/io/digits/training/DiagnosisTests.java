package io.digits.training;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.support.MnistSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule fires on its condition (crafted curves, real MNIST labels, a real network) and stays silent otherwise. */
class DiagnosisTests {

	private static final TrainingProperties.Stream STREAM = new TrainingProperties.Stream(20,
			java.time.Duration.ofSeconds(15), 1024, 256, 100_000, 100_000);

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	@Test
	void fullBatchTrainingForTenEpochsIsTooFewUpdates() {
		Hyperparameters h = hyperparameters("{\"preset\": \"seed-question\"}");

		List<Finding> findings = Diagnosis.ofSetup(h, MNIST.train().classCounts(h.trainLimit()));

		assertThat(findings).extracting(Finding::code).containsExactly("too-few-updates");
		assertThat(findings.get(0).severity()).isEqualTo(Finding.Severity.ERROR);
		assertThat(findings.get(0).evidence()).containsEntry("updates", 10L).containsEntry("batchSize", 60000);
		assertThat(findings.get(0).summary()).contains("full-batch");
	}

	@Test
	void outputActivationsAndLossesThatDoNotFitAreFlaggedAndTheRightPairsAreNot() {
		for (String pair : new String[] { "\"outputActivation\": \"softmax\", \"loss\": \"softmax-cross-entropy\"",
				"\"outputActivation\": \"identity\", \"loss\": \"cross-entropy\"",
				"\"outputActivation\": \"softmax\", \"loss\": \"mse\"" }) {
			Hyperparameters h = hyperparameters("{" + pair + "}");
			assertThat(Diagnosis.ofSetup(h, MNIST.train().classCounts(h.trainLimit()))).as(pair)
				.extracting(Finding::code)
				.containsExactly("output-loss-mismatch");
		}
		Hyperparameters doubleSoftmax = hyperparameters("{\"loss\": \"softmax-cross-entropy\"}");
		assertThat(Diagnosis.ofSetup(doubleSoftmax, MNIST.train().classCounts(60_000)).get(0).summary())
			.contains("applies softmax again");
		for (String pair : new String[] { "", "\"outputActivation\": \"identity\", \"loss\": \"softmax-cross-entropy\"" }) {
			Hyperparameters h = hyperparameters("{" + pair + "}");
			assertThat(Diagnosis.ofSetup(h, MNIST.train().classCounts(h.trainLimit()))).as(pair).isEmpty();
		}
	}

	@Test
	void aTrainLimitThatLeavesDigitsOutIsADataProblem() {
		// the first ten MNIST training labels are 5 0 4 1 9 2 1 3 1 4: no 6, 7 or 8
		Hyperparameters h = hyperparameters("{\"trainLimit\": 10, \"batchSize\": 10}");

		List<Finding> findings = Diagnosis.ofSetup(h, MNIST.train().classCounts(10));

		assertThat(findings).extracting(Finding::code).contains("missing-classes");
		assertThat(findings.stream().filter(f -> f.code().equals("missing-classes")).findFirst().orElseThrow().summary())
			.contains("[6, 7, 8]");
	}

	@Test
	void aSmallTrainingSetIsFlagged() {
		Hyperparameters h = hyperparameters("{\"trainLimit\": 500, \"batchSize\": 10, \"epochs\": 30}");

		assertThat(Diagnosis.ofSetup(h, MNIST.train().classCounts(500))).extracting(Finding::code)
			.containsExactly("small-training-set");
	}

	@Test
	void aLossThatStaysAtLnTenAfterHundredsOfUpdatesIsStuckAtChance() {
		TrainingJob job = jobWithCurve(128, 400, i -> 2.30 + noise(i, 0.02));

		assertThat(codes(job)).containsExactly("stuck-at-chance");
	}

	@Test
	void aLossThatGrowsHasDivergedAndSoHasANaN() {
		assertThat(codes(jobWithCurve(128, 400, i -> 0.5 + i / 100.0))).containsExactly("diverged");

		TrainingJob nan = jobWithCurve(128, 10, i -> 1.0);
		nan.failed(new TrainingDivergedException(Double.NaN, 11, 5.0).getMessage());
		assertThat(codes(nan)).containsExactly("diverged");
	}

	@Test
	void aLossThatBouncesAtTheEndMeansTheRateIsTooHigh() {
		TrainingJob job = jobWithCurve(128, 1000, i -> i < 900 ? 2.0 - i / 600.0 : 0.6 + (i % 2 == 0 ? 0.5 : -0.5));

		assertThat(codes(job)).containsExactly("learning-rate-too-high");
	}

	@Test
	void aLossThatBarelyFallsOverManyUpdatesMeansTheRateIsTooLow() {
		TrainingJob job = jobWithCurve(128, 800, i -> 1.9 - i * 0.0002 + noise(i, 0.01));

		assertThat(codes(job)).containsExactly("learning-rate-too-low");
	}

	@Test
	void aTestLossThatRisesWhileTheTrainingLossFallsIsOverfitting() {
		TrainingJob job = jobWithCurve(128, 300, i -> 2.0 * Math.exp(-i / 40.0) + 0.01);
		job.epochDone(new EpochSummary(1, 0.30, 0.20, 0.940, 1, null));
		job.epochDone(new EpochSummary(2, 0.10, 0.15, 0.955, 1, null));
		job.epochDone(new EpochSummary(3, 0.03, 0.19, 0.949, 1, null));
		job.epochDone(new EpochSummary(4, 0.01, 0.24, 0.944, 1, null));

		assertThat(codes(job)).containsExactly("overfitting");
		assertThat(Diagnosis.of(job).get(0).advice()).contains("epoch 2");
	}

	@Test
	void mostlySilentReluUnitsAreDead() {
		TrainingJob job = jobWithCurve(128, 300, i -> 2.0 * Math.exp(-i / 40.0) + 0.01);
		job.epochDone(new EpochSummary(1, 0.2, 0.2, 0.95, 1, List.of(0.72, 0.05)));

		assertThat(codes(job)).containsExactly("dead-units");
		assertThat(Diagnosis.of(job).get(0).evidence()).containsEntry("layer", 1);
	}

	@Test
	void deadUnitsAreMeasuredOnARealNetwork() throws Exception {
		Hyperparameters h = hyperparameters("{\"trainLimit\": 2000, \"epochs\": 1}");
		org.deeplearning4j.nn.multilayer.MultiLayerNetwork network = NetworkFactory.create(h);

		List<Double> dead = DeadUnits.measure(network, h, MNIST.test());

		assertThat(dead).hasSize(2).allSatisfy(fraction -> assertThat(fraction).isBetween(0.0, 1.0));
		assertThat(DeadUnits.measure(network, hyperparameters("{\"activation\": \"tanh\"}"), MNIST.test())).isNull();
	}

	@Test
	void aHealthyCurveGivesNoFinding() {
		TrainingJob job = jobWithCurve(128, 2000, i -> 2.3 * Math.exp(-i / 150.0) + 0.05 + noise(i, 0.01));
		job.epochDone(new EpochSummary(1, 0.30, 0.15, 0.955, 1, List.of(0.05, 0.02)));
		job.epochDone(new EpochSummary(2, 0.10, 0.10, 0.970, 1, List.of(0.06, 0.03)));
		job.epochDone(new EpochSummary(3, 0.06, 0.09, 0.975, 1, List.of(0.06, 0.03)));

		assertThat(Diagnosis.of(job)).isEmpty();
	}

	private static Hyperparameters hyperparameters(String json) {
		JobRequest request = tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, JobRequest.class);
		return Hyperparameters.resolve(request.withPresetApplied(), 60_000);
	}

	/** A running job whose loss curve is the given function of the iteration. */
	private static TrainingJob jobWithCurve(int batchSize, int iterations, IntToDoubleFunction loss) {
		Hyperparameters h = hyperparameters("{\"batchSize\": " + batchSize + ", \"epochs\": 50}");
		TrainingJob job = new TrainingJob("job-000000000001", h, false, List.of(), Clock.systemUTC(), STREAM);
		job.start();
		job.epochStarted(1);
		for (int i = 0; i < iterations; i++) {
			job.iterationDone(loss.applyAsDouble(i), batchSize, 1_000_000);
		}
		return job;
	}

	private static List<String> codes(TrainingJob job) {
		return Diagnosis.of(job).stream().map(Finding::code).toList();
	}

	private static double noise(int i, double amplitude) {
		return amplitude * (new Random(i).nextDouble() - 0.5);
	}

}

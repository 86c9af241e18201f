package io.digits.training.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.support.MnistSamples;
import io.digits.training.JobRequest;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.FailureCause;
import io.digits.training.status.Finding;
import io.digits.training.status.LossPoint;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule fires on its condition (crafted curves, real MNIST labels, a real network) and stays silent otherwise. */
class DiagnosisTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
	void aJobEstimatedToTrainForHoursIsALongJobAndTheRecommendedPresetIsNot() {
		// 60 epochs of 60,000 single-sample updates: about 2 h of the 2-core machine of docs/performance.md
		Hyperparameters h = hyperparameters("{\"batchSize\": 1, \"epochs\": 60, \"hiddenLayers\": [16]}");

		List<Finding> findings = Diagnosis.ofSetup(h, MNIST.train().classCounts(h.trainLimit()));

		assertThat(findings).extracting(Finding::code).containsExactly("long-job");
		assertThat(findings.get(0).severity()).isEqualTo(Finding.Severity.WARNING);
		assertThat(findings.get(0).summary()).contains("60 epochs of 60000 batches of 1 samples").contains("114 min");
		assertThat(findings.get(0).evidence()).containsKey("estimatedSeconds");
		for (String preset : new String[] { "seed-answer", "recommended", "wide" }) {
			Hyperparameters fine = hyperparameters("{\"preset\": \"" + preset + "\"}");
			assertThat(Diagnosis.ofSetup(fine, MNIST.train().classCounts(fine.trainLimit()))).as(preset)
				.extracting(Finding::code)
				.doesNotContain("long-job");
		}
	}

	@Test
	void aLossThatStaysAtLnTenAfterHundredsOfUpdatesIsStuckAtChance() {
		Curve job = jobWithCurve(128, 400, i -> 2.30 + noise(i, 0.02));

		assertThat(codes(job)).containsExactly("stuck-at-chance");
	}

	@Test
	void aLossThatGrowsHasDivergedAndSoHasANaN() {
		assertThat(codes(jobWithCurve(128, 400, i -> 0.5 + i / 100.0))).containsExactly("diverged");

		Curve nan = jobWithCurve(128, 10, i -> 1.0);
		nan.failure = FailureCause.DIVERGED;
		nan.error = "the loss became NaN at iteration 11: the learning rate (5.0) is probably too high for this optimizer";
		assertThat(codes(nan)).containsExactly("diverged");
	}

	@Test
	void aLossThatBouncesAtTheEndMeansTheRateIsTooHigh() {
		Curve job = jobWithCurve(128, 1000, i -> i < 900 ? 2.0 - i / 600.0 : 0.6 + (i % 2 == 0 ? 0.5 : -0.5));

		assertThat(codes(job)).containsExactly("learning-rate-too-high");
	}

	@Test
	void aLossThatBarelyFallsOverManyUpdatesMeansTheRateIsTooLow() {
		Curve job = jobWithCurve(128, 800, i -> 1.9 - i * 0.0002 + noise(i, 0.01));

		assertThat(codes(job)).containsExactly("learning-rate-too-low");
	}

	@Test
	void aTestLossThatRisesWhileTheTrainingLossFallsIsOverfitting() {
		Curve job = jobWithCurve(128, 300, i -> 2.0 * Math.exp(-i / 40.0) + 0.01);
		job.epochs.add(new EpochSummary(1, 0.30, 0.20, 0.940, 1, null));
		job.epochs.add(new EpochSummary(2, 0.10, 0.15, 0.955, 1, null));
		job.epochs.add(new EpochSummary(3, 0.03, 0.19, 0.949, 1, null));
		job.epochs.add(new EpochSummary(4, 0.01, 0.24, 0.944, 1, null));

		assertThat(codes(job)).containsExactly("overfitting");
		assertThat(Diagnosis.of(job.evidence()).get(0).advice()).contains("epoch 2");
	}

	@Test
	void mostlySilentReluUnitsAreDead() {
		Curve job = jobWithCurve(128, 300, i -> 2.0 * Math.exp(-i / 40.0) + 0.01);
		job.epochs.add(new EpochSummary(1, 0.2, 0.2, 0.95, 1, List.of(0.72, 0.05)));

		assertThat(codes(job)).containsExactly("dead-units");
		assertThat(Diagnosis.of(job.evidence()).get(0).evidence()).containsEntry("layer", 1);
	}

	@Test
	void aHealthyCurveGivesNoFinding() {
		Curve job = jobWithCurve(128, 2000, i -> 2.3 * Math.exp(-i / 150.0) + 0.05 + noise(i, 0.01));
		job.epochs.add(new EpochSummary(1, 0.30, 0.15, 0.955, 1, List.of(0.05, 0.02)));
		job.epochs.add(new EpochSummary(2, 0.10, 0.10, 0.970, 1, List.of(0.06, 0.03)));
		job.epochs.add(new EpochSummary(3, 0.06, 0.09, 0.975, 1, List.of(0.06, 0.03)));

		assertThat(Diagnosis.of(job.evidence())).isEmpty();
	}

	private static Hyperparameters hyperparameters(String json) {
		JobRequest request = JSON.readValue(json, JobRequest.class);
		return request.withPresetApplied(JSON).resolve(60_000);
	}

	/** What a running job would show: a loss curve, its epochs, and how it failed if it did. */
	private static final class Curve {

		final Hyperparameters hyperparameters;

		final List<LossPoint> points = new ArrayList<>();

		final List<EpochSummary> epochs = new ArrayList<>();

		FailureCause failure;

		String error;

		Curve(Hyperparameters hyperparameters) {
			this.hyperparameters = hyperparameters;
		}

		TrainingEvidence evidence() {
			return new TrainingEvidence(hyperparameters, List.of(), points, points.size(), epochs, failure, error);
		}

	}

	/** A running job whose loss curve is the given function of the iteration. */
	private static Curve jobWithCurve(int batchSize, int iterations, IntToDoubleFunction loss) {
		Curve curve = new Curve(hyperparameters("{\"batchSize\": " + batchSize + ", \"epochs\": 50}"));
		for (int i = 0; i < iterations; i++) {
			curve.points.add(new LossPoint(i + 1, 1, loss.applyAsDouble(i), i));
		}
		return curve;
	}

	private static List<String> codes(Curve job) {
		return Diagnosis.of(job.evidence()).stream().map(Finding::code).toList();
	}

	private static double noise(int i, double amplitude) {
		return amplitude * (new Random(i).nextDouble() - 0.5);
	}

}

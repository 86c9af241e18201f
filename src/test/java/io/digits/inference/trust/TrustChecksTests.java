package io.digits.inference.trust;

import java.util.List;
import java.util.Random;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.model.ClassProbabilities;
import io.digits.model.InputFeatures;
import io.digits.model.InputReference;
import io.digits.model.ReferenceProfile;
import io.digits.model.ReferenceProfiles;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import io.digits.training.JobRequest;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Hyperparameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The flags and the drift score on real MNIST, against noise, blank and inverted images. */
@SlowTest
class TrustChecksTests {

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	static final PredictionFlags.Thresholds THRESHOLDS = new PredictionFlags.Thresholds(0.6, 0.2);

	static MultiLayerNetwork network;

	static ReferenceProfile profile;

	static float[][] means;

	static float[][] test;

	@BeforeAll
	static void trainAndMeasure() {
		Hyperparameters h = JsonMapper.builder().build()
			.readValue("{\"batchSize\": 64, \"epochs\": 2}", JobRequest.class)
			.resolve(60_000);
		network = NetworkFactory.create(h);
		for (int epoch = 0; epoch < h.epochs(); epoch++) {
			for (int from = 0; from < 60_000; from += h.batchSize()) {
				INDArrayIndex rows = NDArrayIndex.interval(from, Math.min(from + h.batchSize(), 60_000));
				network.fit(new DataSet(MNIST.train().features().get(rows, NDArrayIndex.all()).dup(),
						MNIST.train().labels().get(rows, NDArrayIndex.all()).dup()));
			}
		}
		long start = System.nanoTime();
		InputReference input = ReferenceProfiles.inputReference(MNIST.train().features(), MNIST.train().labels(),
				MNIST.test().features());
		long measured = System.nanoTime();
		profile = ReferenceProfiles.measure(network, input, MNIST.test().features());
		System.out.printf("MNIST's input reference measured in %.2f s, the model's profile in %.2f s%n",
				(measured - start) / 1e9, (System.nanoTime() - measured) / 1e9);
		means = input.classMeans();
		test = MNIST.test().features().toFloatMatrix();
	}

	@Test
	void onTestDigitsTheInputFlagsStaySilentAndTheOthersMostly() {
		float[][] probabilities = ClassProbabilities.of(network, MNIST.test().features()).toFloatMatrix();
		int inputSilent = 0, allSilent = 0, lowConfidence = 0, ambiguous = 0;
		for (int i = 0; i < test.length; i++) {
			List<String> flags = PredictionFlags.of(test[i], probabilities[i], profile, means, THRESHOLDS);
			inputSilent += flags.contains(PredictionFlags.BLANK) || flags.contains(PredictionFlags.OFF_DISTRIBUTION) ? 0 : 1;
			allSilent += flags.isEmpty() ? 1 : 0;
			lowConfidence += flags.contains(PredictionFlags.LOW_CONFIDENCE) ? 1 : 0;
			ambiguous += flags.contains(PredictionFlags.AMBIGUOUS) ? 1 : 0;
		}
		System.out.printf("Flags on the 10,000 MNIST test digits: input flags silent on %.2f%%, all flags on %.2f%% "
				+ "(low-confidence %d, ambiguous %d); profile %s%n", inputSilent / 100.0, allSilent / 100.0, lowConfidence,
				ambiguous, profile);
		assertThat(inputSilent).isGreaterThanOrEqualTo(9900);
	}

	@Test
	void noiseBlankAndInvertedImagesAreFlagged() {
		Random random = new Random(1);
		int noise = 0, inverted = 0;
		for (int i = 0; i < 100; i++) {
			float[] image = new float[784];
			for (int p = 0; p < image.length; p++) {
				image[p] = random.nextFloat();
			}
			noise += flags(image).contains(PredictionFlags.OFF_DISTRIBUTION) ? 1 : 0;
			float[] negative = test[i].clone();
			for (int p = 0; p < negative.length; p++) {
				negative[p] = 1 - negative[p];
			}
			inverted += flags(negative).contains(PredictionFlags.OFF_DISTRIBUTION) ? 1 : 0;
		}
		System.out.printf("off-distribution on 100 noise images: %d, on 100 inverted test digits: %d%n", noise, inverted);
		assertThat(noise).isEqualTo(100);
		assertThat(inverted).isEqualTo(100);
		assertThat(flags(new float[784])).contains(PredictionFlags.BLANK).doesNotContain(PredictionFlags.OFF_DISTRIBUTION);
	}

	/**
	 * 200 test digits drawn at random (traffic like the reference) keep the score under 0.1; 200 noise images push it
	 * far over 0.25. Consecutive test digits are not such a sample: the test set runs in blocks of one writer's style,
	 * and a block of 200 scored up to 1.55 (as one person's drawings would).
	 */
	@Test
	void twoHundredTestDigitsKeepTheDriftScoreLowAndTwoHundredNoiseImagesRaiseIt() {
		Random draw = new Random(3);
		double[] scores = new double[100];
		for (int sample = 0; sample < scores.length; sample++) {
			DriftWindow window = new DriftWindow(profile, 200);
			for (int i = 0; i < 200; i++) {
				int digit = draw.nextInt(test.length);
				window.add(InputFeatures.inkMass(test[digit]), 0.99f, MnistSamples.label(digit));
			}
			scores[sample] = window.inputDriftScore();
		}
		double[] sorted = scores.clone();
		java.util.Arrays.sort(sorted);
		DriftWindow noisy = new DriftWindow(profile, 200);
		Random random = new Random(2);
		for (int i = 0; i < 200; i++) {
			float[] image = new float[784];
			for (int p = 0; p < image.length; p++) {
				image[p] = random.nextFloat();
			}
			noisy.add(InputFeatures.inkMass(image), 0.3f, 8);
		}
		System.out.printf("drift score of 200 random test digits, 100 draws: median %.3f, 95th percentile %.3f, worst %.3f; "
				+ "of 200 noise images %.3f%n", sorted[50], sorted[95], sorted[99], noisy.inputDriftScore());
		assertThat(scores[0]).isLessThan(0.1);
		assertThat(sorted[95]).isLessThan(0.1);
		assertThat(noisy.inputDriftScore()).isGreaterThan(0.25);
	}

	private static List<String> flags(float[] image) {
		float[] probabilities = ClassProbabilities.of(network, Nd4j.createFromArray(new float[][] { image }))
			.toFloatMatrix()[0];
		return PredictionFlags.of(image, probabilities, profile, means, THRESHOLDS);
	}

}

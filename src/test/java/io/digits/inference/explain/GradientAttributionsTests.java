package io.digits.inference.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.digits.data.DataProperties;
import io.digits.data.Dataset;
import io.digits.data.DatasetName;
import io.digits.data.DatasetRepository;
import io.digits.data.LabelledImages;
import io.digits.support.MnistSamples;
import io.digits.support.SlowTest;
import io.digits.training.JobRequest;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Hyperparameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Attributions from DL4J's backpropagation, checked against what the literature asks of them, on real MNIST. */
@SlowTest
class GradientAttributionsTests {

	private static final Dataset MNIST = new DatasetRepository(new DataProperties(MnistSamples.dataDir()))
		.get(DatasetName.MNIST);

	static MultiLayerNetwork trained;

	@BeforeAll
	static void train() {
		Hyperparameters h = hyperparameters();
		trained = NetworkFactory.create(h);
		LabelledImages train = MNIST.train();
		for (int epoch = 0; epoch < h.epochs(); epoch++) {
			for (int from = 0; from < h.trainLimit(); from += h.batchSize()) {
				INDArrayIndex rows = NDArrayIndex.interval(from, Math.min(from + h.batchSize(), h.trainLimit()));
				trained.fit(new DataSet(train.features().get(rows, NDArrayIndex.all()).dup(),
						train.labels().get(rows, NDArrayIndex.all()).dup()));
			}
		}
	}

	/** Completeness (Sundararajan et al., 2017): the attributions add up to score(input) - score(black). */
	@Test
	void integratedGradientsAddUpToTheScoreDifference() {
		double worst = 0, total = 0;
		for (int i = 0; i < 100; i++) {
			float[] image = image(i);
			int digit = MnistSamples.label(i);
			GradientAttributions.Attribution attribution = GradientAttributions.integratedGradients(trained, image, digit, 32);
			worst = Math.max(worst, attribution.completenessError());
			total += attribution.completenessError();
		}
		System.out.printf("IG completeness error over 100 test digits, 32 steps: mean %.4f, worst %.4f%n", total / 100, worst);
		assertThat(worst).isLessThan(0.05);
	}

	/**
	 * A sanity check from the saliency literature (Adebayo et al., 2018): an explanation that does not change when the
	 * weights are random explains the image, not the model. Compared over the ink pixels (IG gives the background
	 * nothing, whatever the weights).
	 */
	@Test
	void attributionsOfARandomNetworkDifferFromATrainedNetworks() {
		MultiLayerNetwork random = NetworkFactory.create(hyperparameters());
		double integrated = 0, saliency = 0;
		for (int i = 0; i < 100; i++) {
			float[] image = image(i);
			int digit = MnistSamples.label(i);
			integrated += correlation(GradientAttributions.integratedGradients(trained, image, digit, 32).values(),
					GradientAttributions.integratedGradients(random, image, digit, 32).values(), image);
			saliency += correlation(GradientAttributions.saliency(trained, image, digit).values(),
					GradientAttributions.saliency(random, image, digit).values(), null);
		}
		System.out.printf("Correlation of trained and random-weight attributions, mean of 100 test digits: "
				+ "integrated gradients %.3f (ink pixels), saliency %.3f (all pixels)%n", integrated / 100, saliency / 100);
		assertThat(integrated / 100).isLessThan(0.5);
		assertThat(saliency / 100).isLessThan(0.5);
	}

	/**
	 * Faithfulness by deletion (Samek et al., 2017): blanking the tenth of a digit's ink that integrated gradients
	 * credit most lowers the digit's log-probability far more than blanking as many other ink pixels picked at random.
	 */
	@Test
	void blankingTheMostCreditedInkLowersTheScoreMoreThanBlankingOtherInk() {
		Random random = new Random(7);
		double topDrop = 0, randomDrop = 0, salienceOnInk = 0, inkShare = 0;
		for (int i = 0; i < 100; i++) {
			float[] image = image(i);
			int digit = MnistSamples.label(i);
			float[] credit = GradientAttributions.integratedGradients(trained, image, digit, 32).values();
			List<Integer> ink = new ArrayList<>();
			for (int p = 0; p < image.length; p++) {
				if (image[p] > 0.1f) {
					ink.add(p);
				}
			}
			int blanked = ink.size() / 10;
			List<Integer> byCredit = new ArrayList<>(ink);
			byCredit.sort(Comparator.comparingDouble(p -> -credit[p]));
			List<Integer> shuffled = new ArrayList<>(ink);
			Collections.shuffle(shuffled, random);
			double score = GradientAttributions.scores(trained, new float[][] { image }, digit)[0];
			topDrop += score - GradientAttributions.scores(trained, new float[][] { blank(image, byCredit.subList(0, blanked)) }, digit)[0];
			randomDrop += score - GradientAttributions.scores(trained, new float[][] { blank(image, shuffled.subList(0, blanked)) }, digit)[0];
			float[] saliency = GradientAttributions.saliency(trained, image, digit).values();
			double onInk = 0, all = 0;
			for (int p = 0; p < image.length; p++) {
				all += Math.abs(saliency[p]);
				onInk += image[p] > 0.1f ? Math.abs(saliency[p]) : 0;
			}
			salienceOnInk += onInk / all;
			inkShare += ink.size() / 784.0;
		}
		System.out.printf("Blanking a tenth of the ink, mean of 100 test digits: the most credited by integrated "
				+ "gradients lowers log p(digit) by %.3f, random ink by %.3f. Integrated gradients put all their credit on "
				+ "ink (from a black baseline); saliency puts %.1f%% of its magnitude on the %.1f%% of pixels that are ink%n",
				topDrop / 100, randomDrop / 100, 100 * salienceOnInk / 100, 100 * inkShare / 100);
		assertThat(topDrop).isGreaterThan(3 * randomDrop);
	}

	private static float[] blank(float[] image, List<Integer> pixels) {
		float[] copy = image.clone();
		pixels.forEach(p -> copy[p] = 0);
		return copy;
	}

	private static double correlation(float[] a, float[] b, float[] inkOf) {
		double n = 0, sumA = 0, sumB = 0;
		for (int p = 0; p < a.length; p++) {
			if (inkOf == null || inkOf[p] > 0.1f) {
				sumA += a[p];
				sumB += b[p];
				n++;
			}
		}
		double meanA = sumA / n, meanB = sumB / n, ab = 0, aa = 0, bb = 0;
		for (int p = 0; p < a.length; p++) {
			if (inkOf == null || inkOf[p] > 0.1f) {
				ab += (a[p] - meanA) * (b[p] - meanB);
				aa += (a[p] - meanA) * (a[p] - meanA);
				bb += (b[p] - meanB) * (b[p] - meanB);
			}
		}
		return ab / Math.sqrt(aa * bb);
	}

	private static Hyperparameters hyperparameters() {
		return JsonMapper.builder().build()
			.readValue("{\"trainLimit\": 6000, \"batchSize\": 64, \"epochs\": 2}", JobRequest.class)
			.resolve(60_000);
	}

	static float[] image(int index) {
		int[] pixels = MnistSamples.pixels(index);
		float[] image = new float[pixels.length];
		for (int p = 0; p < pixels.length; p++) {
			image[p] = pixels[p] / 255f;
		}
		return image;
	}

}

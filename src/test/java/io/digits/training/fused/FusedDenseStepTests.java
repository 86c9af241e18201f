package io.digits.training.fused;

import java.util.List;
import java.util.stream.Stream;

import io.digits.data.DatasetName;
import io.digits.training.network.NetworkFactory;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Optimizer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration the fused step covers, against DL4J on the same real MNIST batches from the same parameters:
 * one step's gradient, update and updater state, and the updater alone over several steps fed DL4J's own gradients.
 * {@link FusedDriftTests} follows both engines for 100 steps. The figures are printed for the record.
 */
class FusedDenseStepTests {

	/** Enough steps for Adam's and the momenta's state to be built from many gradients; the 100-step drift is slow. */
	static final int REPLAYED_STEPS = 20;

	/** A configuration and the batch size it is stepped with (a job's batch size need not divide anything). */
	record Case(String name, Hyperparameters h) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<Case> configurations() {
		return Stream.of(
				new Case("defaults: relu, adam 1e-3, [128, 64], batch 128", h(List.of(128, 64), Activation.RELU,
						Optimizer.ADAM, 1e-3, false, 128, 0, 0)),
				new Case("recommended: relu, adam 2e-3, cosine, batch 64", h(List.of(128, 64), Activation.RELU,
						Optimizer.ADAM, 2e-3, true, 64, 0, 0)),
				new Case("seed-answer: relu, sgd 0.01, batch 1", h(List.of(128, 64), Activation.RELU, Optimizer.SGD,
						0.01, false, 1, 0, 0)),
				new Case("leaky relu, sgd 0.05, [100], batch 50", h(List.of(100), Activation.LEAKYRELU, Optimizer.SGD,
						0.05, false, 50, 0, 0)),
				new Case("elu, adamw 1e-3 (decay 0.01), [64, 32], batch 32", h(List.of(64, 32), Activation.ELU,
						Optimizer.ADAMW, 1e-3, false, 32, 0, 0.01)),
				new Case("tanh, nesterov 0.01, [64, 32], batch 128", h(List.of(64, 32), Activation.TANH,
						Optimizer.NESTEROV, 0.01, false, 128, 0, 0)),
				new Case("sigmoid, momentum 0.1, [48], batch 32", h(List.of(48), Activation.SIGMOID,
						Optimizer.MOMENTUM, 0.1, false, 32, 0, 0)),
				new Case("relu, sgd 0.05, l2 1e-3, batch 77", h(List.of(64, 32), Activation.RELU, Optimizer.SGD, 0.05,
						false, 77, 1e-3, 0)),
				new Case("relu, momentum 0.01, weight decay 5e-3, cosine, [32, 32, 16], batch 40",
						h(List.of(32, 32, 16), Activation.RELU, Optimizer.MOMENTUM, 0.01, true, 40, 0, 5e-3)),
				new Case("relu, nesterov 0.01, l2 1e-3, cosine, [64], batch 1", h(List.of(64), Activation.RELU,
						Optimizer.NESTEROV, 0.01, true, 1, 1e-3, 0)),
				new Case("leaky relu, adam 1e-3, l2 1e-4, batch 100", h(List.of(128, 64), Activation.LEAKYRELU,
						Optimizer.ADAM, 1e-3, false, 100, 1e-4, 0)),
				new Case("no hidden layer: softmax regression, adam, batch 128", h(List.of(), Activation.RELU,
						Optimizer.ADAM, 1e-3, false, 128, 0, 0)));
	}

	/** Two epochs of 4000 samples: the cosine schedule falls most of the way to zero within the 100 steps. */
	static Hyperparameters h(List<Integer> hidden, Activation activation, Optimizer optimizer, double rate,
			boolean cosine, int batch, double l2, double decay) {
		return new Hyperparameters(DatasetName.MNIST, hidden, activation, optimizer, rate,
				cosine ? LearningRateSchedule.COSINE : LearningRateSchedule.CONSTANT, 0.9, batch, 2, l2, decay, 0,
				activation.suitedInit(), 42, MnistBatches.SAMPLES, null, null);
	}

	/** The same network {@code count} times, with equal parameters and fresh updater state. */
	static MultiLayerNetwork[] copies(Hyperparameters h, int count) {
		MultiLayerNetwork[] nets = new MultiLayerNetwork[count];
		nets[0] = NetworkFactory.create(h);
		for (int i = 1; i < count; i++) {
			nets[i] = NetworkFactory.create(h);
			nets[i].setParams(nets[0].params().dup());
		}
		return nets;
	}

	static boolean adam(Hyperparameters h) {
		return h.optimizer() == Optimizer.ADAM || h.optimizer() == Optimizer.ADAMW;
	}

	/**
	 * Which updates are judged one by one. The other updaters are linear in the gradient: elements above a thousandth
	 * of the largest. Adam's first step is {@code lr * g / (|g| + 3.2e-7)}: about the rate wherever the gradient is
	 * not ~0, so a gradient element a billionth of the largest, whose float32 rounding is a large part of it, still
	 * makes a step near the rate. Judged above a tenth of the rate (1e-4 at Adam's default), its worst relative
	 * difference is that rounding magnified (up to about 1e-2 here); above half the rate, where |g| exceeds Adam's
	 * epsilon scale, it is no longer magnified.
	 */
	static double judgedFrom(Hyperparameters h, float[] update) {
		return adam(h) ? 0.1 * h.learningRate() : 1e-3 * largest(update);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("configurations")
	void oneStepGivesDl4jsGradientUpdateAndState(Case c) {
		MultiLayerNetwork[] nets = copies(c.h(), 3);
		MultiLayerNetwork dl4j = nets[0], fused = nets[1], updaterOnly = nets[2];
		int rows = c.h().batchSize();
		DataSet batch = MnistBatches.batch(0, rows);
		try (FusedDenseStep step = new FusedDenseStep(fused, rows)) {
			dl4j.setInput(batch.getFeatures());
			dl4j.setLabels(batch.getLabels());
			dl4j.computeGradientAndScore();
			float[] dl4jGradient = Agreement.values(dl4j.getFlattenedGradients());
			double dl4jScore = dl4j.score();
			double fusedScore = step.computeGradient(batch.getFeatures(), batch.getLabels());
			Agreement gradient = Agreement.of(dl4jGradient, step.gradientCopy(), Double.POSITIVE_INFINITY);

			dl4j.fit(batch);
			double stepScore = step.step(batch.getFeatures(), batch.getLabels());
			float[] dl4jUpdate = Agreement.values(dl4j.getFlattenedGradients());
			float[] fusedUpdate = step.gradientCopy();
			Agreement update = Agreement.of(dl4jUpdate, fusedUpdate, judgedFrom(c.h(), dl4jUpdate));
			Agreement aboveHalfRate = Agreement.of(dl4jUpdate, fusedUpdate, 0.5 * c.h().learningRate());
			// the update arithmetic alone: the fused updater given DL4J's own gradient
			Agreement sameGradient = Agreement.of(dl4jUpdate, updateFrom(updaterOnly, dl4jGradient, rows), 0);
			float[] parameterDifference = difference(Agreement.values(dl4j.params()), Agreement.values(fused.params()));
			Agreement state = state(dl4j, fused);
			System.out.printf("[one step] %s%n  gradient:            %s%n  update:              %s%n%s"
					+ "  update, same grad.:  %s%n  parameters: worst difference %.2e of the largest step%n"
					+ "  updater state:       %s%n  score %.7f (DL4J) %.7f (fused)%n", c, gradient, update,
					adam(c.h()) ? "  update >= rate / 2:  " + aboveHalfRate + "\n" : "", sameGradient,
					largest(parameterDifference) / largest(dl4jUpdate), state, dl4jScore, fusedScore);

			assertThat(gradient.worstOfLargest()).as("gradient").isLessThan(1e-6);
			// DL4J sums the regularization penalty's squares in float32, the fused step in double
			assertThat(Math.abs(fusedScore - dl4jScore)).as("score").isLessThan(1e-5 * Math.abs(dl4jScore));
			assertThat(stepScore).isEqualTo(fusedScore);
			// bit for bit on this machine (libnd4j's AVX2 build fuses a*b+c as Math.fma does), a rounding apart
			// where libnd4j was built without FMA
			assertThat(sameGradient.worstOfLargest()).as("update from the same gradient").isLessThan(1e-6);
			assertThat(update.meanRelative()).as("update, mean").isLessThan(1e-5);
			assertThat(update.worstRelative()).as("update, worst judged").isLessThan(adam(c.h()) ? 5e-2 : 1e-3);
			if (adam(c.h())) {
				assertThat(aboveHalfRate.worstRelative()).as("Adam update above half the rate").isLessThan(5e-3);
			}
			assertThat(largest(parameterDifference)).as("parameters").isLessThan(1e-2 * largest(dl4jUpdate));
			assertThat(state.worstOfLargest()).as("updater state").isLessThan(1e-6);
			assertThat(fused.getIterationCount()).isEqualTo(dl4j.getIterationCount()).isEqualTo(1);
		}
	}

	/** The fused updater alone on a fresh network, from a given summed gradient: the update it subtracts. */
	static float[] updateFrom(MultiLayerNetwork network, float[] summedGradient, int rows) {
		FusedUpdater updater = FusedUpdater.of(network, network.numParams());
		INDArray stateArray = network.getUpdater().getStateViewArray();
		try (FloatArea params = FloatArea.borrow(network.params(), "parameters");
				FloatArea gradient = FloatArea.allocate(summedGradient.length);
				FloatArea state = stateArray == null ? null : FloatArea.borrow(stateArray, "state")) {
			gradient.buffer().put(0, summedGradient);
			updater.apply(params.buffer(), gradient.buffer(), state == null ? null : state.buffer(), 0, 0, rows);
			float[] update = new float[summedGradient.length];
			gradient.buffer().get(0, update);
			return update;
		}
	}

	/**
	 * The update arithmetic over many steps, apart from the gradient's rounding: DL4J's own gradient of each batch fed
	 * to the fused updater keeps a second network's parameters and Adam's or momentum's state equal to DL4J's, bit for
	 * bit on this machine, step after step (a float32 rounding of the largest where libnd4j does not fuse a*b+c).
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("replayed")
	void fedDl4jsGradientsTheUpdaterKeepsDl4jsParametersAndState(Case c) {
		MultiLayerNetwork[] nets = copies(c.h(), 2);
		MultiLayerNetwork dl4j = nets[0], replay = nets[1];
		int rows = c.h().batchSize();
		FusedUpdater updater = FusedUpdater.of(replay, replay.numParams());
		INDArray stateArray = replay.getUpdater().getStateViewArray();
		try (FloatArea params = FloatArea.borrow(replay.params(), "parameters");
				FloatArea gradient = FloatArea.allocate(replay.numParams());
				FloatArea state = stateArray == null ? null : FloatArea.borrow(stateArray, "state")) {
			for (int i = 0; i < REPLAYED_STEPS; i++) {
				DataSet batch = MnistBatches.batch(i, rows);
				dl4j.setInput(batch.getFeatures());
				dl4j.setLabels(batch.getLabels());
				dl4j.computeGradientAndScore();
				gradient.buffer().put(0, Agreement.values(dl4j.getFlattenedGradients()));
				dl4j.fit(batch);
				updater.apply(params.buffer(), gradient.buffer(), state == null ? null : state.buffer(), i, 0, rows);
			}
		}
		Agreement parameters = Agreement.of(Agreement.values(dl4j.params()), Agreement.values(replay.params()), 0);
		Agreement updaterState = state(dl4j, replay);
		System.out.printf("[%d steps, DL4J's gradients] %s%n  params: %s%n  state:  %s%n", REPLAYED_STEPS, c,
				parameters, updaterState);

		assertThat(parameters.worstOfLargest()).isLessThan(1e-6);
		assertThat(updaterState.worstOfLargest()).isLessThan(1e-6);
	}

	static Stream<Case> replayed() {
		return configurations().filter(c -> c.name().startsWith("defaults") || c.name().startsWith("elu")
				|| c.name().contains("weight decay") || c.name().contains("nesterov 0.01, l2"));
	}

	/**
	 * Found while matching DL4J 1.0.0-M2.1, and mirrored by the fused step: the network's weight decay reaches each
	 * layer's W twice ({@code copyConfigToLayer}, then {@code LayerValidation.configureBaseLayer}, which appends every
	 * kind but L1 and L2 again), and DL4J applies and scores both, so {@code weightDecay} acts at twice its value. L2
	 * is listed once.
	 */
	@Test
	void dl4jGivesEachLayerTheNetworksWeightDecayTwiceAndL2Once() {
		BaseLayer decayed = (BaseLayer) NetworkFactory.create(h(List.of(16), Activation.RELU, Optimizer.ADAMW, 1e-3,
				false, 8, 0, 0.01)).getLayer(0).conf().getLayer();
		BaseLayer penalised = (BaseLayer) NetworkFactory.create(h(List.of(16), Activation.RELU, Optimizer.SGD, 0.01,
				false, 8, 1e-3, 0)).getLayer(0).conf().getLayer();

		assertThat(decayed.getRegularizationByParam("W")).hasSize(2).allMatch(r -> r instanceof WeightDecay);
		assertThat(decayed.getRegularizationByParam("b")).isNullOrEmpty();
		assertThat(penalised.getRegularizationByParam("W")).hasSize(1).allMatch(r -> r instanceof L2Regularization);
	}

	static Agreement state(MultiLayerNetwork dl4j, MultiLayerNetwork fused) {
		if (dl4j.getUpdater().getStateViewArray() == null) {
			assertThat(fused.getUpdater().getStateViewArray()).isNull();
			return new Agreement(0, 0, 0, 0, 0);
		}
		return Agreement.of(Agreement.values(dl4j.getUpdater().getStateViewArray()),
				Agreement.values(fused.getUpdater().getStateViewArray()), 0);
	}

	static double largest(float[] values) {
		double largest = 0;
		for (float v : values) {
			largest = Math.max(largest, Math.abs(v));
		}
		return largest;
	}

	static float[] difference(float[] a, float[] b) {
		float[] d = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			d[i] = a[i] - b[i];
		}
		return d;
	}

}

package io.digits.training.fused;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import io.digits.training.network.ClassicalMomentum;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The update DL4J 1.0.0-M2.1 makes after a gradient, in its order and in float32, over the network's own parameters
 * and its own updater state. The blocks are DL4J's ({@code BaseMultiLayerUpdater}: neighbouring parameters with
 * equal updater configurations share one block, and one state slice laid out as that updater lays it out, Adam's as
 * [m | v] of the whole block), so a checkpoint written after fused steps resumes in DL4J and the other way round.
 * Per element, as {@code BaseMultiLayerUpdater.update} and {@code UpdaterBlock.update} do: the summed gradient divided
 * by the batch size; L2 added ({@code g += l2 * w}); the updater (libnd4j's sgd, nesterovs and adam updater ops, or
 * Digits' {@link ClassicalMomentum}); weight decay added to the update ({@code u += decay * lr * w});
 * {@code w -= u}.
 */
final class FusedUpdater {

	enum Rule {

		SGD(0), MOMENTUM(1), NESTEROV(1), ADAM(2);

		/** Floats of state per parameter. */
		final int stateWidth;

		Rule(int stateWidth) {
			this.stateWidth = stateWidth;
		}

	}

	/** One L2 or weight-decay term of a parameter, as DL4J lists it. */
	private record Term(ISchedule coefficient, boolean beforeUpdater, boolean timesRate) {
	}

	/**
	 * One parameter (a layer's W or b) and the regularization DL4J applies to it, every term of its list in order.
	 * The list may name a term twice: DL4J 1.0.0-M2.1 gives each layer the network's weight decay twice
	 * ({@code copyConfigToLayer}, then {@code LayerValidation.configureBaseLayer}, which skips L1 and L2 already
	 * present but appends any other kind again), and applies and scores both.
	 */
	private record Range(int start, int end, List<Term> terms) {
	}

	private record Block(int start, int end, int stateStart, Rule rule, IUpdater config, List<Range> ranges) {
	}

	private final List<Block> blocks;

	final long stateLength;

	/** Where a chunk of the parameters, their gradient, their state and Adam's second state are worked on. */
	private final Chunks chunks = new Chunks(Chunks.SIZE);

	private final float[] secondState = new float[Chunks.SIZE];

	private FusedUpdater(List<Block> blocks, long stateLength) {
		this.blocks = blocks;
		this.stateLength = stateLength;
	}

	/** Reads the network's updater blocks (making its updater, with zeroed state, if it has none yet). */
	static FusedUpdater of(MultiLayerNetwork network, long parameterCount) {
		Updater updater = network.getUpdater();
		DenseLayout.require(updater instanceof BaseMultiLayerUpdater<?>, "updater " + updater);
		List<Block> blocks = new ArrayList<>();
		long paramsSoFar = 0, stateSoFar = 0;
		for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) updater).getUpdaterBlocks()) {
			UpdaterBlock.ParamState first = block.getLayersAndVariablesInBlock().get(0);
			IUpdater config = first.getLayer().getConfig().getUpdaterByParam(first.getParamName());
			Rule rule = rule(config);
			int start = block.getParamOffsetStart(), end = block.getParamOffsetEnd();
			DenseLayout.require(start == paramsSoFar && end > start, "updater blocks out of order");
			DenseLayout.require(block.getUpdaterViewOffsetStart() == stateSoFar
					&& block.getUpdaterViewOffsetEnd() - stateSoFar == (long) rule.stateWidth * (end - start),
					"an updater state slice that is not " + rule + "'s");
			List<Range> ranges = new ArrayList<>();
			int rangeSoFar = start;
			for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
				DenseLayout.require(param.getParamOffsetStart() == rangeSoFar, "parameters out of order in a block");
				ranges.add(range(param));
				rangeSoFar = param.getParamOffsetEnd();
			}
			DenseLayout.require(rangeSoFar == end, "a block whose parameters do not fill it");
			blocks.add(new Block(start, end, block.getUpdaterViewOffsetStart(), rule, config, List.copyOf(ranges)));
			paramsSoFar = end;
			stateSoFar = block.getUpdaterViewOffsetEnd();
		}
		DenseLayout.require(paramsSoFar == parameterCount, "updater blocks that miss parameters");
		return new FusedUpdater(List.copyOf(blocks), stateSoFar);
	}

	private static Rule rule(IUpdater config) {
		Class<?> type = config.getClass();
		if (type == Sgd.class) {
			return Rule.SGD;
		}
		if (type == ClassicalMomentum.class) {
			return Rule.MOMENTUM;
		}
		if (type == Nesterovs.class) {
			return Rule.NESTEROV;
		}
		if (type == Adam.class) {
			return Rule.ADAM;
		}
		throw new IllegalArgumentException("not covered by the fused step: updater " + config);
	}

	private static Range range(UpdaterBlock.ParamState param) {
		TrainingConfig layer = param.getLayer().getConfig();
		List<Regularization> all = layer.getRegularizationByParam(param.getParamName());
		List<Term> terms = new ArrayList<>();
		for (Regularization r : all == null ? List.<Regularization>of() : all) {
			if (r.getClass() == L2Regularization.class) {
				terms.add(new Term(((L2Regularization) r).getL2(), true, false));
			}
			else if (r.getClass() == WeightDecay.class) {
				terms.add(new Term(((WeightDecay) r).getCoeff(), false, ((WeightDecay) r).isApplyLR()));
			}
			else {
				throw new IllegalArgumentException("not covered by the fused step: regularization " + all);
			}
		}
		return new Range(param.getParamOffsetStart(), param.getParamOffsetEnd(), List.copyOf(terms));
	}

	boolean hasState() {
		return stateLength > 0;
	}

	/**
	 * Updates {@code params} in place from the summed gradient of {@code batchSize} samples, at DL4J's iteration and
	 * epoch counts; leaves in {@code gradient} the update it subtracted, as DL4J leaves it in its gradient view. The
	 * work is done chunk by chunk on Java copies of the parameters, the gradient and the state ({@link Chunks}).
	 */
	void apply(FloatBuffer params, FloatBuffer gradient, FloatBuffer state, int iteration, int epoch, int batchSize) {
		float batch = batchSize;
		float[] p = chunks.first, g = chunks.second, m = chunks.third, v = secondState;
		for (Block block : blocks) {
			double rate = block.config.getLearningRate(iteration, epoch);
			Kernel kernel = new Kernel(block.rule, block.config, rate, iteration, epoch, batch);
			int blockLength = block.end - block.start;
			for (Range range : block.ranges) {
				kernel.regularize(coefficients(range, true, rate, iteration, epoch),
						coefficients(range, false, rate, iteration, epoch));
				for (int at = range.start; at < range.end; at += Chunks.SIZE) {
					int n = Math.min(Chunks.SIZE, range.end - at);
					// Adam's state is [m | v] over the whole block
					int mAt = block.stateStart + (at - block.start), vAt = mAt + blockLength;
					params.get(at, p, 0, n);
					gradient.get(at, g, 0, n);
					if (block.rule.stateWidth > 0) {
						state.get(mAt, m, 0, n);
					}
					if (block.rule.stateWidth > 1) {
						state.get(vAt, v, 0, n);
					}
					kernel.run(p, g, m, v, 0, n);
					params.put(at, p, 0, n);
					gradient.put(at, g, 0, n);
					if (block.rule.stateWidth > 0) {
						state.put(mAt, m, 0, n);
					}
					if (block.rule.stateWidth > 1) {
						state.put(vAt, v, 0, n);
					}
				}
			}
		}
	}

	/** The float32 coefficients of a range's terms applied before or after the updater, as DL4J's Axpy takes them. */
	private static float[] coefficients(Range range, boolean beforeUpdater, double rate, int iteration, int epoch) {
		int count = (int) range.terms.stream().filter(term -> term.beforeUpdater == beforeUpdater).count();
		float[] values = new float[count];
		int i = 0;
		for (Term term : range.terms) {
			if (term.beforeUpdater == beforeUpdater) {
				values[i++] = (float) (term.coefficient.valueAt(iteration, epoch) * (term.timesRate ? rate : 1.0));
			}
		}
		return values;
	}

	/** DL4J's regularization score: {@code 0.5 * c * |w|^2} per L2 or weight-decay term (never times the rate). */
	double regularizationScore(FloatBuffer params, int iteration, int epoch) {
		double score = 0;
		for (Block block : blocks) {
			for (Range range : block.ranges) {
				double c = 0;
				for (Term term : range.terms) {
					c += term.coefficient.valueAt(iteration, epoch);
				}
				if (c != 0) {
					double squares = 0;
					for (int i = range.start; i < range.end; i++) {
						double w = params.get(i);
						squares += w * w;
					}
					score += 0.5 * c * squares;
				}
			}
		}
		return score;
	}

}

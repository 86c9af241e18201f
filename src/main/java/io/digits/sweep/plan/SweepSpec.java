package io.digits.sweep.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.digits.shared.InvalidFieldException;
import io.digits.training.JobRequest;
import io.digits.training.settings.Metric;

/**
 * A sweep with every default filled in and every field checked that can be checked without the trials: what the store
 * keeps, and what the trials are planned from.
 *
 * @param parameters the searched hyperparameters, in the order asked
 */
public record SweepSpec(JobRequest base, Map<String, ParameterDomain> parameters, SearchMethod method, int maxTrials,
		int maxConcurrent, Metric metric, Goal goal, TrialStoppingType stopping, int minEpochs, int reductionFactor,
		long seed, boolean activateBest) {

	/** The job fields a sweep may search. */
	public static final Set<String> SEARCHABLE = Set.of("learningRate", "hiddenLayers", "batchSize", "dropout", "momentum",
			"l2", "weightDecay", "epochs", "activation", "optimizer", "learningRateSchedule", "weightInit", "seed");

	/** The ones a range may be given for; batchSize and epochs are rounded to whole numbers. */
	static final Set<String> NUMERIC = Set.of("learningRate", "batchSize", "dropout", "momentum", "l2", "weightDecay",
			"epochs");

	static final Set<String> WHOLE_NUMBERS = Set.of("batchSize", "epochs");

	public static final int DEFAULT_RANDOM_TRIALS = 10, DEFAULT_MIN_EPOCHS = 1, DEFAULT_REDUCTION_FACTOR = 3;

	public static final long DEFAULT_SEED = 42;

	public SweepSpec {
		parameters = new LinkedHashMap<>(parameters);
	}

	public static SweepSpec resolve(SweepRequest request) {
		Map<String, ParameterDomain> parameters = request.parameters();
		SearchMethod method = Objects.requireNonNullElse(request.method(), SearchMethod.RANDOM);
		parameters.forEach((name, domain) -> check(name, domain, method));
		SweepRequest.Objective objective = request.objective();
		Metric metric = objective == null || objective.metric() == null ? Metric.TEST_LOSS : objective.metric();
		if (metric == Metric.TRAIN_LOSS) {
			throw new InvalidFieldException("objective.metric", "objective.metric must be testLoss or testAccuracy: "
					+ "the training loss rewards memorising the training set");
		}
		Goal natural = metric.higherIsBetter() ? Goal.MAXIMIZE : Goal.MINIMIZE;
		if (objective != null && objective.goal() != null && objective.goal() != natural) {
			throw new InvalidFieldException("objective.goal", "%s is better %s: its goal is %s".formatted(
					metric.wireName(), metric.higherIsBetter() ? "higher" : "lower", natural.name().toLowerCase()));
		}
		int combinations = method == SearchMethod.GRID ? gridSize(parameters) : Integer.MAX_VALUE;
		int maxTrials = request.maxTrials() != null ? Math.min(request.maxTrials(), combinations)
				: method == SearchMethod.GRID ? combinations : DEFAULT_RANDOM_TRIALS;
		SweepRequest.TrialStopping stopping = request.earlyStopping();
		return new SweepSpec(request.base() == null ? JobRequest.defaults() : request.base(), parameters, method,
				maxTrials, Objects.requireNonNullElse(request.maxConcurrent(), 1), metric, natural,
				stopping == null || stopping.type() == null ? TrialStoppingType.ASHA : stopping.type(),
				stopping == null || stopping.minEpochs() == null ? DEFAULT_MIN_EPOCHS : stopping.minEpochs(),
				stopping == null || stopping.reductionFactor() == null ? DEFAULT_REDUCTION_FACTOR
						: stopping.reductionFactor(),
				Objects.requireNonNullElse(request.seed(), DEFAULT_SEED),
				Boolean.TRUE.equals(request.activateBest()));
	}

	private static void check(String name, ParameterDomain domain, SearchMethod method) {
		String field = "parameters." + name;
		if (!SEARCHABLE.contains(name)) {
			throw new InvalidFieldException(field, "'%s' cannot be searched; these can: %s".formatted(name,
					String.join(", ", SEARCHABLE.stream().sorted().toList())));
		}
		if (domain.forms() != 1) {
			throw new InvalidFieldException(field, field + " must give exactly one of values, uniform and logUniform");
		}
		if (domain.isRange()) {
			if (method == SearchMethod.GRID) {
				throw new InvalidFieldException(field, "a grid sweep searches lists of values: give " + field
						+ " as {\"values\": [...]}");
			}
			if (!NUMERIC.contains(name)) {
				throw new InvalidFieldException(field, "%s is not a number: give it as {\"values\": [...]}".formatted(name));
			}
			List<Double> range = domain.uniform() != null ? domain.uniform() : domain.logUniform();
			if (!(range.get(0) <= range.get(1)) || !Double.isFinite(range.get(0)) || !Double.isFinite(range.get(1))) {
				throw new InvalidFieldException(field, "%s's range %s must be [low, high] with low <= high".formatted(field,
						range));
			}
			if (domain.logUniform() != null && !(range.get(0) > 0)) {
				throw new InvalidFieldException(field, "%s's logUniform range must be above 0, was %s".formatted(field,
						range));
			}
		}
	}

	private static int gridSize(Map<String, ParameterDomain> parameters) {
		long size = 1;
		for (ParameterDomain domain : parameters.values()) {
			size = Math.min(size * domain.values().size(), Integer.MAX_VALUE);
		}
		return (int) size;
	}

	/** Whether the objective {@code a} is better than {@code b}. */
	public boolean better(double a, double b) {
		return goal == Goal.MAXIMIZE ? a > b : a < b;
	}

}

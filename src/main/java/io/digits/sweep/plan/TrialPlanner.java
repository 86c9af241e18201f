package io.digits.sweep.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.digits.shared.InvalidFieldException;
import io.digits.training.JobRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a sweep's trials, all of them, when the sweep is made: the same spec and seed give the same trials, and the
 * sweep shows what it will try before trying it.
 */
public final class TrialPlanner {

	/** Drawn numbers keep this many significant digits: a learning rate of 0.002371, not 0.0023712894036. */
	private static final MathContext DRAWN = new MathContext(4);

	private TrialPlanner() {
	}

	/** Each trial's parameters, in order. */
	public static List<Map<String, Object>> plan(SweepSpec spec) {
		return spec.method() == SearchMethod.GRID ? grid(spec) : random(spec);
	}

	private static List<Map<String, Object>> random(SweepSpec spec) {
		SplittableRandom random = new SplittableRandom(spec.seed());
		List<Map<String, Object>> trials = new ArrayList<>(spec.maxTrials());
		for (int i = 0; i < spec.maxTrials(); i++) {
			Map<String, Object> parameters = new LinkedHashMap<>();
			spec.parameters().forEach((name, domain) -> parameters.put(name, draw(name, domain, random)));
			trials.add(parameters);
		}
		return trials;
	}

	private static Object draw(String name, ParameterDomain domain, SplittableRandom random) {
		if (domain.values() != null) {
			return domain.values().get(random.nextInt(domain.values().size()));
		}
		double u = random.nextDouble();
		double value;
		if (domain.uniform() != null) {
			value = domain.uniform().get(0) + u * (domain.uniform().get(1) - domain.uniform().get(0));
		}
		else {
			double low = Math.log(domain.logUniform().get(0)), high = Math.log(domain.logUniform().get(1));
			value = Math.exp(low + u * (high - low));
		}
		if (SweepSpec.WHOLE_NUMBERS.contains(name)) {
			return (int) Math.round(value);
		}
		return new BigDecimal(value).round(DRAWN).doubleValue();
	}

	/** Every combination, the first parameter changing slowest, up to maxTrials. */
	private static List<Map<String, Object>> grid(SweepSpec spec) {
		List<String> names = new ArrayList<>(spec.parameters().keySet());
		List<Map<String, Object>> trials = new ArrayList<>();
		int[] position = new int[names.size()];
		while (trials.size() < spec.maxTrials()) {
			Map<String, Object> parameters = new LinkedHashMap<>();
			for (int p = 0; p < names.size(); p++) {
				parameters.put(names.get(p), spec.parameters().get(names.get(p)).values().get(position[p]));
			}
			trials.add(parameters);
			int p = names.size() - 1;
			while (p >= 0 && ++position[p] == spec.parameters().get(names.get(p)).values().size()) {
				position[p--] = 0;
			}
			if (p < 0) {
				break;
			}
		}
		return trials;
	}

	/**
	 * The trial's job: the base request with the trial's parameters in place of the base's own; never activating
	 * (the sweep activates its best trial's model when asked).
	 */
	public static JobRequest trialRequest(JsonMapper json, JobRequest base, Map<String, Object> parameters) {
		ObjectNode tree = json.valueToTree(base);
		parameters.forEach((name, value) -> tree.set(name, json.valueToTree(value)));
		tree.remove("activate");
		try {
			return json.treeToValue(tree, JobRequest.class);
		}
		catch (JacksonException ex) {
			String name = parameters.keySet().stream().filter(key -> ex.getMessage().contains(key)).findFirst()
				.orElse(parameters.keySet().iterator().next());
			throw new InvalidFieldException("parameters." + name,
					"parameters.%s holds a value that is not a valid %s: %s".formatted(name, name, ex.getOriginalMessage()));
		}
	}

}

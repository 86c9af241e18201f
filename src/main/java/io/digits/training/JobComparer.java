package io.digits.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.digits.training.JobComparison.ComparedJob;
import io.digits.training.JobComparison.EpochRow;
import io.digits.training.JobComparison.EpochScores;
import io.digits.training.JobComparison.ScoredEpoch;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.JobView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Lays jobs side by side from their views alone: which hyperparameters set them apart, each one's best and last
 * epoch, and their epochs aligned by number.
 */
final class JobComparer {

	private JobComparer() {
	}

	/**
	 * @param json writes the hyperparameters as the API shows them: they are compared as JSON values, so that lists
	 *     (hiddenLayers) compare by their elements and every field reads as it does on the wire
	 */
	static JobComparison compare(List<JobView> views, JsonMapper json) {
		Map<String, Map<String, JsonNode>> valuesByField = hyperparametersByField(views, json);
		Map<String, Map<String, JsonNode>> differing = new LinkedHashMap<>();
		Map<String, JsonNode> shared = new LinkedHashMap<>();
		valuesByField.forEach((field, byJob) -> {
			if (byJob.values().stream().distinct().count() == 1) {
				shared.put(field, byJob.values().iterator().next());
			}
			else {
				differing.put(field, byJob);
			}
		});
		return new JobComparison(views.stream().map(JobComparer::outcome).toList(), differing, shared,
				alignedEpochs(views));
	}

	/** Field by field, in the record's order, each job's value; a field a job lacks counts as null. */
	private static Map<String, Map<String, JsonNode>> hyperparametersByField(List<JobView> views, JsonMapper json) {
		Map<String, JsonNode> byJob = new LinkedHashMap<>();
		Set<String> fields = new LinkedHashSet<>();
		for (JobView view : views) {
			JsonNode hyperparameters = json.valueToTree(view.hyperparameters());
			byJob.put(view.id(), hyperparameters);
			fields.addAll(hyperparameters.propertyNames());
		}
		Map<String, Map<String, JsonNode>> byField = new LinkedHashMap<>();
		for (String field : fields) {
			Map<String, JsonNode> values = new LinkedHashMap<>();
			byJob.forEach((id, hyperparameters) -> values.put(id,
					hyperparameters.has(field) ? hyperparameters.get(field) : NullNode.getInstance()));
			byField.put(field, values);
		}
		return byField;
	}

	private static ComparedJob outcome(JobView view) {
		List<EpochSummary> epochs = view.epochs();
		ScoredEpoch best = view.bestEpoch() == null ? null
				: epochs.stream()
					.filter(epoch -> epoch.epoch() == view.bestEpoch())
					.findFirst()
					.map(ScoredEpoch::of)
					.orElse(null);
		ScoredEpoch last = epochs.isEmpty() ? null : ScoredEpoch.of(epochs.get(epochs.size() - 1));
		return new ComparedJob(view.id(), view.state(), view.trial() == null ? null : view.trial().sweepId(),
				view.modelId(), best, last);
	}

	/** Rows 1 to the most epochs of any job; a job without the row's epoch is left out of it. */
	private static List<EpochRow> alignedEpochs(List<JobView> views) {
		Map<String, Map<Integer, EpochSummary>> epochsByJob = new LinkedHashMap<>();
		int lastEpoch = 0;
		for (JobView view : views) {
			epochsByJob.put(view.id(), view.epochs()
				.stream()
				.collect(Collectors.toMap(EpochSummary::epoch, Function.identity(), (first, again) -> again)));
			for (EpochSummary epoch : view.epochs()) {
				lastEpoch = Math.max(lastEpoch, epoch.epoch());
			}
		}
		List<EpochRow> rows = new ArrayList<>(lastEpoch);
		for (int number = 1; number <= lastEpoch; number++) {
			Map<String, EpochScores> row = new LinkedHashMap<>();
			for (Map.Entry<String, Map<Integer, EpochSummary>> job : epochsByJob.entrySet()) {
				EpochSummary epoch = job.getValue().get(number);
				if (epoch != null) {
					row.put(job.getKey(), EpochScores.of(epoch));
				}
			}
			rows.add(new EpochRow(number, row));
		}
		return rows;
	}

}

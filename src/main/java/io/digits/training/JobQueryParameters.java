package io.digits.training;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.digits.data.DatasetName;
import io.digits.shared.Excerpt;
import io.digits.shared.Ids;
import io.digits.shared.InvalidFieldException;
import io.digits.training.status.JobState;
import io.digits.training.store.JobFilter;
import io.digits.training.store.JobRecord;

/**
 * The job API's query parameters, read as strictly as its JSON: a value that is not one of those allowed is a 400
 * naming the parameter and the allowed values, never a silently empty or unfiltered answer.
 */
final class JobQueryParameters {

	static final int MIN_COMPARED = 2, MAX_COMPARED = 10;

	private JobQueryParameters() {
	}

	/**
	 * The ids of {@code ?ids=a,b,c}: 2 to 10 distinct, well-formed job ids. Whether each names a job is the service's
	 * to answer (404), as for any id.
	 */
	static List<String> comparedIds(String ids) {
		String expected = "ids must be %d to %d job ids, comma separated (?ids=job-...,job-...)".formatted(MIN_COMPARED,
				MAX_COMPARED);
		if (ids == null || ids.isEmpty()) {
			throw new InvalidFieldException("ids", expected + ", was none");
		}
		// -1 keeps trailing empty elements, so "a,b," is refused rather than read as "a,b"
		List<String> asked = Arrays.asList(ids.split(",", -1));
		if (asked.size() < MIN_COMPARED || asked.size() > MAX_COMPARED) {
			throw new InvalidFieldException("ids", expected + ", was %d".formatted(asked.size()));
		}
		for (String id : asked) {
			if (!Ids.isWellFormed(JobRecord.ID_PREFIX, id)) {
				throw new InvalidFieldException("ids",
						"ids must be job ids (job- and 12 hex digits), comma separated; '%s' is not".formatted(Excerpt.of(id)));
			}
		}
		Set<String> seen = new HashSet<>();
		for (String id : asked) {
			if (!seen.add(id)) {
				throw new InvalidFieldException("ids", "ids must name each job once; %s is named twice".formatted(id));
			}
		}
		return List.copyOf(asked);
	}

	/** The list's filter and order; a parameter left out does not filter. */
	static JobFilter filter(String state, String sweep, String dataset, String sort) {
		return new JobFilter(state(state), sweep == null || sweep.isEmpty() ? null : sweep, dataset(dataset),
				sort(sort));
	}

	private static JobState state(String state) {
		if (state == null || state.isEmpty()) {
			return null;
		}
		return Arrays.stream(JobState.values())
			.filter(candidate -> candidate.name().equals(state))
			.findFirst()
			.orElseThrow(() -> refused("state", state, Arrays.stream(JobState.values()).map(JobState::name)));
	}

	private static DatasetName dataset(String dataset) {
		if (dataset == null || dataset.isEmpty()) {
			return null;
		}
		return Arrays.stream(DatasetName.values())
			.filter(candidate -> candidate.id().equals(dataset))
			.findFirst()
			.orElseThrow(() -> refused("dataset", dataset, Arrays.stream(DatasetName.values()).map(DatasetName::id)));
	}

	private static JobFilter.Sort sort(String sort) {
		if (sort == null || sort.isEmpty()) {
			return JobFilter.Sort.DATE;
		}
		return Arrays.stream(JobFilter.Sort.values())
			.filter(candidate -> candidate.wireName().equals(sort))
			.findFirst()
			.orElseThrow(() -> refused("sort", sort,
					Arrays.stream(JobFilter.Sort.values()).map(JobFilter.Sort::wireName)));
	}

	private static InvalidFieldException refused(String parameter, String value, Stream<String> allowed) {
		return new InvalidFieldException(parameter, "%s must be one of %s, was '%s'".formatted(parameter,
				allowed.collect(Collectors.joining(", ")), Excerpt.of(value)));
	}

}

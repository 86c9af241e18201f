package io.digits.sweep.store;

import java.util.Map;

/**
 * One trial of a sweep's plan.
 *
 * @param jobId its job, once started; null before
 */
public record PlannedTrial(int index, Map<String, Object> parameters, String jobId) {

	public PlannedTrial started(String job) {
		return new PlannedTrial(index, parameters, job);
	}

}

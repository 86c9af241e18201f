package io.digits.training.status;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One thing the diagnosis found about a job.
 *
 * @param code stable name of the rule, for scripts
 * @param evidence the job's own numbers the finding rests on
 * @param advice what to change
 */
public record Finding(String code, Severity severity, String summary, Map<String, Object> evidence, String advice) {

	/** How much a finding matters. */
	public enum Severity {

		/** The job cannot train well as set up, or did not. */
		@JsonProperty("error")
		ERROR,

		/** The job may train worse than it could. */
		@JsonProperty("warning")
		WARNING

	}

}

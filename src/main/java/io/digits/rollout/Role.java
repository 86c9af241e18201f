package io.digits.rollout;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a model does for a request: answers it (primary, canary), sees a copy (shadow), or was asked by name. */
public enum Role {

	PRIMARY, CANARY, SHADOW, NAMED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase();
	}

}

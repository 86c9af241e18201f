package io.digits.data;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The datasets Digits can train on; both are 28x28 grey images in ten classes, in the IDX format. */
public enum DatasetName {

	@JsonProperty("mnist")
	MNIST("mnist"),

	@JsonProperty("fashion-mnist")
	FASHION_MNIST("fashion-mnist");

	private final String id;

	DatasetName(String id) {
		this.id = id;
	}

	/** The name in the API and the data directory's sub-directory. */
	public String id() {
		return id;
	}

	/** The dataset with this id ({@link #id}); empty for an unknown one. */
	public static Optional<DatasetName> fromId(String id) {
		return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst();
	}

	@Override
	public String toString() {
		return id;
	}

}

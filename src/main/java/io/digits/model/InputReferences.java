package io.digits.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/** Each dataset's {@link InputReference}, measured the first time it is asked for and kept: datasets never change. */
@Component
public class InputReferences {

	private final Map<String, InputReference> byDataset = new ConcurrentHashMap<>();

	/** The dataset's reference; {@code measure} runs once per dataset (the callers know where the images are). */
	public InputReference of(String dataset, Supplier<InputReference> measure) {
		return byDataset.computeIfAbsent(dataset, key -> measure.get());
	}

}

package io.digits.training;


import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * Named starting points for a job; explicit fields of a request override the preset's. The first two replay the
 * well-known question ("why does my 784-128-64-10 MLP get 10% on MNIST?") and its accepted answer.
 */
public enum Preset {

	@JsonProperty("seed-question")
	SEED_QUESTION("seed-question",
			"The question's setup: 784-128-64-10, ReLU, SGD lr 0.01, full batch, 10 epochs: only 10 parameter updates",
			"""
					{"hiddenLayers": [128, 64], "activation": "relu", "optimizer": "sgd", "learningRate": 0.01,
					 "learningRateSchedule": "constant", "batchSize": 60000, "epochs": 10}"""),

	@JsonProperty("seed-answer")
	SEED_ANSWER("seed-answer",
			"The answer's fix: the same network and SGD lr 0.01, one sample per update, 2 epochs (120,000 updates)",
			"""
					{"hiddenLayers": [128, 64], "activation": "relu", "optimizer": "sgd", "learningRate": 0.01,
					 "learningRateSchedule": "constant", "batchSize": 1, "epochs": 2}"""),

	@JsonProperty("recommended")
	RECOMMENDED("recommended",
			"The same network as it should be trained: Adam 2e-3, minibatches of 64, 12 epochs, cosine-decayed rate",
			"""
					{"hiddenLayers": [128, 64], "activation": "relu", "optimizer": "adam", "learningRate": 0.002,
					 "learningRateSchedule": "cosine", "batchSize": 64, "epochs": 12}"""),

	@JsonProperty("wide")
	WIDE("wide", "A larger MLP, 784-800-10 with dropout, aiming at the best published MLP results (about 98.4%)",
			"""
					{"hiddenLayers": [800], "activation": "relu", "optimizer": "adam", "learningRate": 0.001,
					 "learningRateSchedule": "cosine", "batchSize": 128, "epochs": 20, "dropout": 0.2}""");

	/** Reads the presets' own settings, written here: no Spring settings are needed for that. */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String id;

	private final String description;

	/** The preset's fields as a request in JSON, the form a caller would POST. */
	private final String settingsJson;

	Preset(String id, String description, String settingsJson) {
		this.id = id;
		this.description = description;
		this.settingsJson = settingsJson;
	}

	public String id() {
		return id;
	}

	public String description() {
		return description;
	}

	/** The preset's fields; the others stay to their defaults. */
	public JobRequest settings() {
		return JSON.readValue(settingsJson, JobRequest.class);
	}

}

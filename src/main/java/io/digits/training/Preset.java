package io.digits.training;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Named starting points for a job; explicit fields of a request override the preset's. The first two replay the
 * well-known question ("why does my 784-128-64-10 MLP get 10% on MNIST?") and its accepted answer.
 */
public enum Preset {

	@JsonProperty("seed-question")
	SEED_QUESTION("seed-question",
			"The question's setup: 784-128-64-10, ReLU, SGD lr 0.01, full batch, 10 epochs: only 10 parameter updates",
			request(List.of(128, 64), Activation.RELU, Optimizer.SGD, 0.01, LearningRateSchedule.CONSTANT, 60_000, 10,
					0.0)),

	@JsonProperty("seed-answer")
	SEED_ANSWER("seed-answer",
			"The answer's fix: the same network and SGD lr 0.01, one sample per update, 2 epochs (120,000 updates)",
			request(List.of(128, 64), Activation.RELU, Optimizer.SGD, 0.01, LearningRateSchedule.CONSTANT, 1, 2, 0.0)),

	@JsonProperty("recommended")
	RECOMMENDED("recommended",
			"The same network as it should be trained: Adam 2e-3, minibatches of 64, 12 epochs, cosine-decayed rate",
			request(List.of(128, 64), Activation.RELU, Optimizer.ADAM, 0.002, LearningRateSchedule.COSINE, 64, 12, 0.0)),

	@JsonProperty("wide")
	WIDE("wide", "A larger MLP, 784-800-10 with dropout, aiming at the best published MLP results (about 98.4%)",
			request(List.of(800), Activation.RELU, Optimizer.ADAM, 0.001, LearningRateSchedule.COSINE, 128, 20, 0.2));

	private final String id;

	private final String description;

	private final JobRequest settings;

	Preset(String id, String description, JobRequest settings) {
		this.id = id;
		this.description = description;
		this.settings = settings;
	}

	public String id() {
		return id;
	}

	public String description() {
		return description;
	}

	/** The preset's fields; the others stay to their defaults. */
	public JobRequest settings() {
		return settings;
	}

	private static JobRequest request(List<Integer> hiddenLayers, Activation activation, Optimizer optimizer,
			double learningRate, LearningRateSchedule schedule, int batchSize, int epochs, double dropout) {
		return new JobRequest(null, null, hiddenLayers, activation, optimizer, learningRate, schedule, null, batchSize,
				epochs, null, null, dropout == 0 ? null : dropout, null, null, null, null, null, null);
	}

}

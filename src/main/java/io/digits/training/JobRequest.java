package io.digits.training;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digits.data.DatasetName;
import io.digits.shared.InvalidFieldException;
import io.digits.training.diagnosis.Diagnosis;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Loss;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.StoppingRules;
import io.digits.training.settings.OutputActivation;
import io.digits.training.settings.TrainingBudget;
import io.digits.training.settings.WeightInitScheme;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a caller asks to train; every field is optional and {@link #resolve} fills the gaps. The bounds
 * here are sanity limits; {@link TrainingBudget} bounds the total work.
 */
@Schema(description = "Hyperparameters of a training job; every field is optional.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRequest(
		@Schema(description = "A named starting point (GET /api/presets); the fields given here override its own")
		Preset preset,
		@Schema(description = "Dataset to train on", defaultValue = "mnist") DatasetName dataset,
		@Schema(description = "Sizes of the hidden layers, input to output", defaultValue = "[128, 64]")
		@Size(max = 8) List<@NotNull @Min(1) @Max(4096) Integer> hiddenLayers,
		@Schema(description = "Activation of the hidden layers", defaultValue = "relu") Activation activation,
		@Schema(description = "Optimiser", defaultValue = "adam") Optimizer optimizer,
		@Schema(description = "Learning rate; defaults to 0.001 for adam, adamw and rmsprop, 0.01 otherwise")
		@DecimalMin(value = "0", inclusive = false) @DecimalMax("10") Double learningRate,
		@Schema(description = "constant, or cosine: from learningRate down to 0 over the job", defaultValue = "constant")
		LearningRateSchedule learningRateSchedule,
		@Schema(description = "Momentum of the momentum and nesterov optimisers", defaultValue = "0.9")
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
		@Schema(description = "Samples per parameter update; the training-set size (60000) is full-batch training",
				defaultValue = "128")
		@Min(1) @Max(60000) Integer batchSize,
		@Schema(description = "Passes over the training set", defaultValue = "10") @Min(1) @Max(10_000) Integer epochs,
		@Schema(description = "L2 penalty added to the loss", defaultValue = "0") @DecimalMin("0") @DecimalMax("1") Double l2,
		@Schema(description = "Decoupled weight decay (AdamW); defaults to 0.01 for adamw, 0 otherwise")
		@DecimalMin("0") @DecimalMax("1") Double weightDecay,
		@Schema(description = "Probability of dropping each hidden unit's output during training", defaultValue = "0")
		@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double dropout,
		@Schema(description = "Weight initialisation; defaults to relu (He) for the rectifiers, xavier otherwise")
		WeightInitScheme weightInit,
		@Schema(description = "Seed of the weights and of the shuffling; the same seed and hyperparameters give the same model",
				defaultValue = "42")
		Long seed,
		@Schema(description = "Train on the first N training samples only, for quick runs") @Min(1) @Max(60000) Integer trainLimit,
		@Schema(description = "Activation of the output layer", defaultValue = "softmax") OutputActivation outputActivation,
		@Schema(description = "cross-entropy (of probabilities: for softmax), softmax-cross-entropy (applies softmax "
				+ "itself, as PyTorch's CrossEntropyLoss: for identity) or mse", defaultValue = "cross-entropy") Loss loss,
		@Schema(description = "Make the model the active one when the job succeeds", defaultValue = "false") Boolean activate,
		@Schema(description = "Stop when a metric stops improving; the job ends SUCCEEDED with a stopReason")
		@Valid EarlyStoppingRequest earlyStopping,
		@Schema(description = "Stop once a target is reached: {\"testAccuracy\": 0.98} or {\"testLoss\": 0.1}")
		StoppingRules.StopWhen stopWhen,
		@Schema(description = "Stop after this many seconds of training (updates and evaluations)") @Min(1) @Max(86_400)
		Integer maxSeconds,
		@Schema(description = "Stop, without a model, as soon as the diagnosis finds one of these: diverged, "
				+ "stuck-at-chance, learning-rate-too-high, learning-rate-too-low, overfitting, dead-units")
		@Size(max = 6) List<@NotNull String> stopOnDiagnosis,
		@Schema(description = "Images beyond the dataset's: {\"captures\": {\"labelled\": true}} trains on the labelled "
				+ "captures too, on top of the first trainLimit images") @Valid ExtraDataRequest extraData) {

	/** A request with every field left to its default. */
	public static JobRequest defaults() {
		return new JobRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null);
	}

	/** The same request, asking for its model to become the active one. */
	public JobRequest activating() {
		return new JobRequest(preset, dataset, hiddenLayers, activation, optimizer, learningRate, learningRateSchedule,
				momentum, batchSize, epochs, l2, weightDecay, dropout, weightInit, seed, trainLimit, outputActivation, loss,
				true, earlyStopping, stopWhen, maxSeconds, stopOnDiagnosis, extraData);
	}

	/** The request with its preset's fields filling the ones it leaves out: the two merged as JSON trees. */
	public JobRequest withPresetApplied(JsonMapper json) {
		if (preset == null) {
			return this;
		}
		ObjectNode merged = json.valueToTree(preset.settings());
		merged.setAll((ObjectNode) json.valueToTree(this));
		return json.treeToValue(merged, JobRequest.class);
	}

	/** Fills the gaps with the recommended defaults: ReLU, Adam 1e-3, batch 128, 10 epochs. */
	public Hyperparameters resolve(int trainingSetSize) {
		Optimizer chosenOptimizer = Objects.requireNonNullElse(optimizer, Optimizer.ADAM);
		Activation chosenActivation = Objects.requireNonNullElse(activation, Activation.RELU);
		int samples = trainLimit == null ? trainingSetSize : Math.min(trainLimit, trainingSetSize);
		double l2Penalty = Objects.requireNonNullElse(l2, 0.0);
		double decay = Objects.requireNonNullElse(weightDecay,
				l2Penalty > 0 ? 0.0 : chosenOptimizer.defaultWeightDecay());
		if (l2Penalty > 0 && decay > 0) {
			// DL4J keeps only the last of the two it is given
			throw new InvalidFieldException("l2", "l2 (%s) and weightDecay (%s) cannot be combined: use one of them"
				.formatted(l2Penalty, decay));
		}
		return new Hyperparameters(Objects.requireNonNullElse(dataset, DatasetName.MNIST),
				Objects.requireNonNullElse(hiddenLayers, Hyperparameters.DEFAULT_HIDDEN_LAYERS), chosenActivation,
				chosenOptimizer, Objects.requireNonNullElse(learningRate, chosenOptimizer.defaultLearningRate()),
				learningRateSchedule, Objects.requireNonNullElse(momentum, Hyperparameters.DEFAULT_MOMENTUM),
				Objects.requireNonNullElse(batchSize, Hyperparameters.DEFAULT_BATCH_SIZE),
				Objects.requireNonNullElse(epochs, Hyperparameters.DEFAULT_EPOCHS), l2Penalty, decay,
				Objects.requireNonNullElse(dropout, 0.0),
				Objects.requireNonNullElse(weightInit, chosenActivation.suitedInit()),
				Objects.requireNonNullElse(seed, Hyperparameters.DEFAULT_SEED), samples, outputActivation, loss,
				extraData == null ? null : extraData.resolve());
	}

	/** The stopping rules asked for, checked: a target within its range, findings the diagnosis can make. */
	public StoppingRules resolveStopping() {
		if (stopWhen != null) {
			if (stopWhen.testAccuracy() != null && !(stopWhen.testAccuracy() > 0 && stopWhen.testAccuracy() <= 1)) {
				throw new InvalidFieldException("stopWhen.testAccuracy",
						"stopWhen.testAccuracy %s is outside the allowed range (0, 1]".formatted(stopWhen.testAccuracy()));
			}
			if (stopWhen.testLoss() != null && !(stopWhen.testLoss() > 0)) {
				throw new InvalidFieldException("stopWhen.testLoss",
						"stopWhen.testLoss %s must be above 0".formatted(stopWhen.testLoss()));
			}
			if (stopWhen.testAccuracy() == null && stopWhen.testLoss() == null) {
				throw new InvalidFieldException("stopWhen", "stopWhen names no target: give testAccuracy or testLoss");
			}
		}
		List<String> codes = stopOnDiagnosis == null ? List.of() : stopOnDiagnosis;
		for (String code : codes) {
			if (!Diagnosis.TRAINING_CODES.contains(code)) {
				throw new InvalidFieldException("stopOnDiagnosis", "stopOnDiagnosis names '%s', which training cannot find; "
					.formatted(code) + "one of " + String.join(", ", Diagnosis.TRAINING_CODES));
			}
		}
		return new StoppingRules(earlyStopping == null ? null : earlyStopping.resolve(), stopWhen, maxSeconds, codes);
	}

	public boolean activateRequested() {
		return Boolean.TRUE.equals(activate);
	}

}

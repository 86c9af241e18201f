package io.digits.inference;

import java.util.List;

import io.digits.inference.explain.Explainer;
import io.digits.inference.explain.Explanation;
import io.digits.inference.trust.PredictionFlags;
import io.digits.model.ClassProbabilities;
import io.digits.model.LoadedModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.stereotype.Component;

/**
 * Turns a model's probabilities into an answer a person can weigh: the flags that say when not to believe it, an
 * abstention below the asked confidence, the explanation when asked; and counts every answer in its model's traffic.
 */
@Component
class PredictionJudge {

	private final ModelReferences references;

	private final TrafficMonitor traffic;

	private final PredictionFlags.Thresholds thresholds;

	PredictionJudge(ModelReferences references, TrafficMonitor traffic, InferenceProperties properties) {
		this.references = references;
		this.traffic = traffic;
		this.thresholds = new PredictionFlags.Thresholds(properties.lowConfidence(), properties.ambiguousMargin());
	}

	Prediction judge(LoadedModel model, float[] input, float[] probabilities, PredictionOptions options,
			Explanation explanation) {
		int digit = ClassProbabilities.likeliest(probabilities);
		float confidence = probabilities[digit];
		List<String> flags = PredictionFlags.of(input, probabilities, references.profile(model),
				references.classMeans(model), thresholds);
		traffic.record(model, input, confidence, digit);
		boolean abstained = options.minConfidence() != null && confidence < options.minConfidence();
		return new Prediction(abstained ? null : digit, confidence, probabilities, flags, abstained, explanation);
	}

	/** Every image's explanation for its likeliest digit; on the inference thread. */
	List<Explanation> explain(MultiLayerNetwork network, float[][] images, float[][] probabilities,
			PredictionOptions options) {
		int[] digits = new int[images.length];
		for (int i = 0; i < images.length; i++) {
			digits[i] = ClassProbabilities.likeliest(probabilities[i]);
		}
		return Explainer.explain(network, images, digits, options.explain(), options.steps());
	}

}

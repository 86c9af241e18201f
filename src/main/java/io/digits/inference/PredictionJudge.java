package io.digits.inference;

import java.util.List;

import io.digits.capture.CaptureService;
import io.digits.capture.CapturedAnswer;
import io.digits.inference.explain.Explainer;
import io.digits.inference.explain.Explanation;
import io.digits.inference.trust.PredictionFlags;
import io.digits.model.ClassProbabilities;
import io.digits.model.LoadedModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import org.springframework.stereotype.Component;

/**
 * Turns a model's probabilities into an answer a person can weigh: the flags that say when not to believe it, an
 * abstention below the asked confidence, the explanation when asked; counts every answer in its model's traffic, and
 * offers it for capture.
 */
@Component
class PredictionJudge {

	private final ModelReferences references;

	private final TrafficMonitor traffic;

	private final PredictionFlags.Thresholds thresholds;

	private final CaptureService captures;

	PredictionJudge(ModelReferences references, TrafficMonitor traffic, InferenceProperties properties,
			CaptureService captures) {
		this.references = references;
		this.traffic = traffic;
		this.captures = captures;
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
		return new Prediction(abstained ? null : digit, confidence, probabilities, flags, abstained, explanation,
				capture(model, input, digit, confidence, flags));
	}

	/** Asked first, so that with capture off (the default) no offer is even built. */
	private String capture(LoadedModel model, float[] input, int digit, float confidence, List<String> flags) {
		if (!captures.capturing()) {
			return null;
		}
		String dataset = model.metadata().dataset() == null ? "mnist" : model.metadata().dataset();
		return captures.offer(new CapturedAnswer(model.id(), dataset, input, digit, confidence, flags)).orElse(null);
	}

	/** Every image's explanation for its likeliest digit; on the inference thread. */
	List<Explanation> explain(MultiLayerNetwork network, float[][] images, float[][] probabilities,
			PredictionOptions options) {
		return Explainer.explain(network, images, ClassProbabilities.likeliestOfEach(probabilities), options.explain(),
				options.steps());
	}

}

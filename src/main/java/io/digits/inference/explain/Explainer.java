package io.digits.inference.explain;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Explains a network's answers; must run on the thread that serves the network (see {@link GradientAttributions}). */
public final class Explainer {

	private Explainer() {
	}

	/** Each input's explanation for its digit, in one backward pass for them all. */
	public static List<Explanation> explain(MultiLayerNetwork network, float[][] inputs, int[] digits,
			ExplanationMethod method, int steps) {
		List<GradientAttributions.Attribution> attributions = method == ExplanationMethod.SALIENCY
				? GradientAttributions.saliency(network, inputs, digits)
				: GradientAttributions.integratedGradients(network, inputs, digits, steps);
		List<Explanation> explanations = new ArrayList<>(inputs.length);
		for (int i = 0; i < inputs.length; i++) {
			GradientAttributions.Attribution attribution = attributions.get(i);
			explanations.add(new Explanation(method.wireName(), attribution.values(),
					HeatMapOverlay.dataUri(inputs[i], attribution.values()), attribution.completenessError()));
		}
		return explanations;
	}

}

package io.digits.openinference;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.digits.inference.Prediction;

/** The model's outputs, as the protocol names and shapes them: the same for its metadata and its answers. */
enum ModelOutput {

	/** The ten class probabilities of each image, [N, 10]. */
	PROBABILITIES("probabilities", "FP32") {
		@Override
		ResponseOutput of(List<Prediction> predictions) {
			float[] data = new float[predictions.size() * CLASSES];
			for (int i = 0; i < predictions.size(); i++) {
				System.arraycopy(predictions.get(i).probabilities(), 0, data, i * CLASSES, CLASSES);
			}
			return new ResponseOutput(wireName(), new long[] { predictions.size(), CLASSES }, datatype(), data);
		}

		@Override
		MetadataTensor metadata() {
			return new MetadataTensor(wireName(), datatype(), new long[] { -1, CLASSES });
		}
	},

	/** The most likely digit of each image, [N]: INT64, as numpy's argmax gives it. */
	DIGIT("digit", "INT64") {
		@Override
		ResponseOutput of(List<Prediction> predictions) {
			long[] data = predictions.stream().mapToLong(Prediction::digit).toArray();
			return new ResponseOutput(wireName(), new long[] { predictions.size() }, datatype(), data);
		}

		@Override
		MetadataTensor metadata() {
			return new MetadataTensor(wireName(), datatype(), new long[] { -1 });
		}
	};

	static final int CLASSES = 10;

	private final String wireName;

	private final String datatype;

	ModelOutput(String wireName, String datatype) {
		this.wireName = wireName;
		this.datatype = datatype;
	}

	/** The output of this exact name: the protocol's strings are case-sensitive. */
	static Optional<ModelOutput> named(String name) {
		return Arrays.stream(values()).filter(output -> output.wireName.equals(name)).findFirst();
	}

	String wireName() {
		return wireName;
	}

	String datatype() {
		return datatype;
	}

	abstract ResponseOutput of(List<Prediction> predictions);

	abstract MetadataTensor metadata();

}

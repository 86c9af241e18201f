package io.digits.training.network;

import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Loss;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.OutputActivation;
import io.digits.training.settings.WeightInitScheme;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The one place where the choices a caller makes (the wire enums of {@code settings}) become DL4J objects. The wire
 * enums keep the caller's words ({@link Activation}, {@link Loss}, {@link Optimizer}); DL4J's types of the same name
 * are written fully qualified, and only here, so no file ever sees both under one name.
 */
final class Dl4jTranslation {

	private Dl4jTranslation() {
	}

	/** @param totalIterations the job's updates in all, over which a cosine schedule decays */
	static IUpdater updater(Hyperparameters h, long totalIterations) {
		IUpdater updater = updater(h.optimizer(), h.learningRate(), h.momentum());
		if (h.learningRateSchedule() == LearningRateSchedule.COSINE) {
			updater.setLrAndSchedule(h.learningRate(), new CosineSchedule(h.learningRate(), totalIterations));
		}
		return updater;
	}

	static IUpdater updater(Optimizer optimizer, double learningRate, double momentum) {
		return switch (optimizer) {
			case SGD -> new Sgd(learningRate);
			case MOMENTUM -> new ClassicalMomentum(learningRate, momentum);
			case NESTEROV -> new Nesterovs(learningRate, momentum);
			case ADAM, ADAMW -> new Adam(learningRate);
			case RMSPROP -> new RmsProp(learningRate);
			case ADAGRAD -> new AdaGrad(learningRate);
		};
	}

	static org.nd4j.linalg.activations.Activation hidden(Activation activation) {
		return switch (activation) {
			case RELU -> org.nd4j.linalg.activations.Activation.RELU;
			case LEAKYRELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
			case ELU -> org.nd4j.linalg.activations.Activation.ELU;
			case TANH -> org.nd4j.linalg.activations.Activation.TANH;
			case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
		};
	}

	static org.nd4j.linalg.activations.Activation output(OutputActivation activation) {
		return switch (activation) {
			case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
			case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
			case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
		};
	}

	static WeightInit weightInit(WeightInitScheme scheme) {
		return switch (scheme) {
			case XAVIER -> WeightInit.XAVIER;
			case XAVIER_UNIFORM -> WeightInit.XAVIER_UNIFORM;
			case RELU -> WeightInit.RELU;
			case RELU_UNIFORM -> WeightInit.RELU_UNIFORM;
			case LECUN_NORMAL -> WeightInit.LECUN_NORMAL;
			case LECUN_UNIFORM -> WeightInit.LECUN_UNIFORM;
		};
	}

	static ILossFunction loss(Loss loss) {
		return switch (loss) {
			case CROSS_ENTROPY -> new LossMCXENT();
			case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropyLoss();
			case MSE -> new LossMSE();
		};
	}

}

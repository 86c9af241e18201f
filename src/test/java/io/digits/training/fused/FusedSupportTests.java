package io.digits.training.fused;

import java.util.List;

import io.digits.data.DatasetName;
import io.digits.training.settings.Activation;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.LearningRateSchedule;
import io.digits.training.settings.Loss;
import io.digits.training.settings.Optimizer;
import io.digits.training.settings.OutputActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which jobs the fused step takes, and the reason given for each one it leaves to DL4J. */
class FusedSupportTests {

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyHiddenActivationIsCovered(Activation activation) {
		assertThat(FusedSupport.check(job(activation, Optimizer.ADAM, 0, OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY),
				true).covered()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = Optimizer.class, names = { "SGD", "MOMENTUM", "NESTEROV", "ADAM", "ADAMW" })
	void theAskedForOptimizersAreCovered(Optimizer optimizer) {
		assertThat(FusedSupport.check(job(Activation.RELU, optimizer, 0, OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY),
				true).covered()).isTrue();
	}

	@Test
	void whatStaysOnDl4jSaysWhy() {
		assertThat(FusedSupport.check(job(Activation.RELU, Optimizer.RMSPROP, 0, OutputActivation.SOFTMAX,
				Loss.CROSS_ENTROPY), true).reason()).contains("rmsprop");
		assertThat(FusedSupport.check(job(Activation.RELU, Optimizer.ADAM, 0.2, OutputActivation.SOFTMAX,
				Loss.CROSS_ENTROPY), true).reason()).contains("dropout").contains("random generator");
		assertThat(FusedSupport.check(job(Activation.RELU, Optimizer.SGD, 0, OutputActivation.SOFTMAX,
				Loss.SOFTMAX_CROSS_ENTROPY), true).reason()).contains("softmax and cross-entropy only");
		assertThat(FusedSupport.check(job(Activation.RELU, Optimizer.SGD, 0, OutputActivation.IDENTITY,
				Loss.SOFTMAX_CROSS_ENTROPY), true).covered()).isFalse();
		assertThat(FusedSupport.check(job(Activation.RELU, Optimizer.ADAM, 0, OutputActivation.SOFTMAX,
				Loss.CROSS_ENTROPY), false).reason()).contains("CUDA");
	}

	private static Hyperparameters job(Activation activation, Optimizer optimizer, double dropout,
			OutputActivation output, Loss loss) {
		return new Hyperparameters(DatasetName.MNIST, List.of(128, 64), activation, optimizer, 0.01,
				LearningRateSchedule.COSINE, 0.9, 1, 1, 1e-4, 0, dropout, activation.suitedInit(), 42, 60_000, output,
				loss);
	}

}

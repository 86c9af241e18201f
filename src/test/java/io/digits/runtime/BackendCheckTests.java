package io.digits.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.factory.Nd4jBackend.NoAvailableBackendException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class BackendCheckTests {

	@Test
	void startUpLogsTheBackendAndItsDevices(CapturedOutput output) {
		new BackendCheck().onApplicationEvent(null);

		assertThat(output).contains("ND4J backend: {backend=CPU, backendClass=CpuBackend, blasVendor=OPENBLAS")
			.contains("devices=CPU");
		assertThat(Nd4jBackend.cudaBuild()).isFalse();
	}

	@Test
	void aCudaBuildWithoutDriverOrGpuIsExplainedWithWhatToDo() {
		// the chain ND4J throws when the CUDA backend is the only one and libcuda.so.1 cannot be loaded
		Throwable loadFailure = new ExceptionInInitializerError(
				new RuntimeException(new NoAvailableBackendException("Please ensure that you have an nd4j backend on "
						+ "your classpath. Please see: https://deeplearning4j.konduit.ai/nd4j/backend")));

		FailureAnalysis analysis = new BackendUnavailableFailureAnalyzer()
			.analyze(new BackendUnavailableException(true, loadFailure));

		assertThat(analysis.getDescription()).contains("CUDA build of Digits (nd4j-cuda-11.6)")
			.contains("no NVIDIA driver or no GPU is visible")
			.contains("NoAvailableBackendException: Please ensure that you have an nd4j backend");
		assertThat(analysis.getAction()).contains("R510 or newer")
			.contains("nvidia-smi")
			.contains("NVIDIA Container Toolkit")
			.contains("not H100 or newer")
			.contains("docker compose --profile cpu up digits-cpu prometheus grafana");
	}

	@Test
	void aCpuBuildThatCannotLoadItsNativeLibraryNamesThePlatform() {
		FailureAnalysis analysis = new BackendUnavailableFailureAnalyzer()
			.analyze(new BackendUnavailableException(false, new UnsatisfiedLinkError("no jnind4jcpu in java.library.path")));

		assertThat(analysis.getDescription()).contains("CPU backend (nd4j-native)")
			.contains("UnsatisfiedLinkError: no jnind4jcpu");
		assertThat(analysis.getAction()).contains("linux-x86_64");
	}

}

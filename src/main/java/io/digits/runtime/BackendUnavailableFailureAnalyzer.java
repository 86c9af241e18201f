package io.digits.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/** Says why the service cannot start without a usable ND4J backend, and what to do about it. */
public class BackendUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<BackendUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BackendUnavailableException cause) {
		if (cause.cudaBuild()) {
			return new FailureAnalysis("""
					This is the CUDA build of Digits (nd4j-cuda-11.6), and its backend could not start: no NVIDIA \
					driver or no GPU is visible to this process (ND4J's log above names the library it could not \
					load, usually libcuda.so.1). Cause: %s""".formatted(rootCause(cause)), """
					On a machine with a GPU: install an NVIDIA driver for CUDA 11 (R510 or newer; R450.80+ works through \
					CUDA's minor-version compatibility), check \
					that nvidia-smi lists the GPU, and in Docker run with the NVIDIA Container Toolkit (docker run \
					--gpus all, or compose's GPU reservation). The GPU must be Kepler to Ada (sm_37..sm_86 code; not \
					H100 or newer). Without a GPU, use the CPU build (mvn package without -Pcuda) or the cpu image \
					(docker compose --profile cpu up digits-cpu prometheus grafana).""", cause);
		}
		return new FailureAnalysis("ND4J's CPU backend (nd4j-native) could not start. Cause: %s"
			.formatted(rootCause(cause)), """
					The jar holds native builds for linux-x86_64 (and AVX2); other operating systems or CPUs need \
					their classifier of nd4j-native. Check that the process may write JavaCPP's cache (~/.javacpp) \
					and load libraries from it.""", cause);
	}

	private static String rootCause(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}

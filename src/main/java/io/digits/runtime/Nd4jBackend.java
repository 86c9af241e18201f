package io.digits.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

import org.springframework.util.ClassUtils;

/** Which ND4J backend runs the networks, on which devices, with which BLAS: for the start-up log and /actuator/info. */
final class Nd4jBackend {

	/** The CUDA backend's class, present only in the -Pcuda build. */
	static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

	private Nd4jBackend() {
	}

	/** Loads the backend (the first use of ND4J does) and describes it. */
	static Map<String, Object> describe() {
		Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
		Map<String, Object> nd4j = new LinkedHashMap<>();
		nd4j.put("backend", environment.get(Nd4jEnvironment.BACKEND_KEY));
		nd4j.put("backendClass", Nd4j.getBackend().getClass().getSimpleName());
		nd4j.put("blasVendor", environment.get(Nd4jEnvironment.BLAS_VENDOR_KEY));
		nd4j.put("cores", environment.get(Nd4jEnvironment.CPU_CORES_KEY));
		nd4j.put("ompThreads", environment.get(Nd4jEnvironment.OMP_THREADS_KEY));
		nd4j.put("blasThreads", environment.get(Nd4jEnvironment.BLAS_THREADS_KEY));
		Object devices = environment.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
		nd4j.put("devices", devices != null ? devices : "CPU");
		nd4j.put("dataType", Nd4j.dataType().name());
		return nd4j;
	}

	static boolean cudaBuild() {
		return ClassUtils.isPresent(CUDA_BACKEND_CLASS, Nd4jBackend.class.getClassLoader());
	}

}

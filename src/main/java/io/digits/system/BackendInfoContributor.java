package io.digits.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** {@code /actuator/info}: which ND4J backend runs the networks, on which devices, with which BLAS. */
@Component
class BackendInfoContributor implements InfoContributor {

	private final String dl4jVersion;

	BackendInfoContributor(@Value("${digits.dl4j-version:unknown}") String dl4jVersion) {
		this.dl4jVersion = dl4jVersion;
	}

	@Override
	public void contribute(Info.Builder builder) {
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
		builder.withDetail("dl4j", Map.of("version", dl4jVersion)).withDetail("nd4j", nd4j);
	}

}

package io.digits.runtime;

import java.util.Map;

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
		builder.withDetail("dl4j", Map.of("version", dl4jVersion)).withDetail("nd4j", Nd4jBackend.describe());
	}

}

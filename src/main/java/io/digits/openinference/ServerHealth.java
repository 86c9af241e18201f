package io.digits.openinference;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The protocol's server health, read from the actuator's probe groups so that it means exactly what
 * {@code /actuator/health/liveness} and {@code /actuator/health/readiness} mean: ready once MNIST is loaded, a model
 * is active, the store can be written and memory is under its limit.
 */
@Component
class ServerHealth {

	private final ObjectProvider<HealthEndpoint> health;

	ServerHealth(ObjectProvider<HealthEndpoint> health) {
		this.health = health;
	}

	boolean live() {
		return up("liveness");
	}

	boolean ready() {
		return up("readiness");
	}

	/** A group that is not there (the probes turned off) answers false: nothing says the server is well. */
	private boolean up(String group) {
		HealthEndpoint endpoint = health.getIfAvailable();
		HealthDescriptor descriptor = endpoint == null ? null : endpoint.healthForPath(group);
		return descriptor != null && Status.UP.equals(descriptor.getStatus());
	}

}

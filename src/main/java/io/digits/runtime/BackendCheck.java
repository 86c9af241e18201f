package io.digits.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Loads ND4J's backend before anything else uses it and logs which one runs, on which devices. When no backend can
 * start (the CUDA build on a machine without an NVIDIA driver or GPU), start-up fails here with
 * {@link BackendUnavailableException}, which {@link BackendUnavailableFailureAnalyzer} explains, instead of the
 * service coming up with every later use of ND4J failing. Registered in {@code META-INF/spring.factories}.
 */
public class BackendCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Logger log = LoggerFactory.getLogger(BackendCheck.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		try {
			log.info("ND4J backend: {}", Nd4jBackend.describe());
		}
		catch (RuntimeException | LinkageError ex) {
			// what ND4J throws when it can load no backend: an initializer error around NoAvailableBackendException
			throw new BackendUnavailableException(Nd4jBackend.cudaBuild(), ex);
		}
	}

}

package io.digits.capture;

import java.io.IOException;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes the captures past digits.capture.max-age once the service is ready, then every retention-interval: an
 * age is a time, so it is looked for on a timer, while max-count is kept on each insert. Each run is one deletion
 * (a walk of at most max-count captures).
 */
@Component
class CaptureRetention {

	private static final Logger log = LoggerFactory.getLogger(CaptureRetention.class);

	private final CaptureService captures;

	private final CaptureProperties properties;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	CaptureRetention(CaptureService captures, CaptureProperties properties) {
		this.captures = captures;
		this.properties = properties;
		scheduler.setThreadNamePrefix("capture-retention-");
		scheduler.setDaemon(true);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::run, properties.retentionInterval());
	}

	void run() {
		try {
			int deleted = captures.enforceRetention();
			if (deleted > 0) {
				log.info("Deleted {} captures past digits.capture.max-age or max-count", deleted);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not delete the old captures: {}", ex.toString());
		}
	}

	@PreDestroy
	void stop() {
		scheduler.shutdown();
	}

}

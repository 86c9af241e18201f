package io.digits.sweep.run;

import java.time.Duration;

import io.digits.sweep.plan.SweepProperties;
import io.digits.sweep.store.SweepStore;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Looks at every unfinished sweep every few seconds, once the service is ready (after the restored jobs are queued
 * again): a sweep whose last word was lost (a crash between a trial's end and the next trial's start, a trial
 * cancelled on its own, a queue that was full) goes on.
 */
@Component
class SweepReconciler {

	private static final Logger log = LoggerFactory.getLogger(SweepReconciler.class);

	private final SweepStore store;

	private final SweepCoordinator coordinator;

	private final Duration interval;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	SweepReconciler(SweepStore store, SweepCoordinator coordinator, SweepProperties properties) {
		this.store = store;
		this.coordinator = coordinator;
		this.interval = properties.reconcileInterval();
		scheduler.setThreadNamePrefix("sweep-reconcile-");
		scheduler.setDaemon(true);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::reconcileAll, interval);
	}

	void reconcileAll() {
		try {
			for (String id : store.unfinished()) {
				coordinator.reconcile(id);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not look at the unfinished sweeps: {}", ex.toString());
		}
	}

	@PreDestroy
	void stop() {
		scheduler.shutdown();
	}

}

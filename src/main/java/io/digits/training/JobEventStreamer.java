package io.digits.training;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.digits.training.events.JobEventLog;
import io.digits.training.job.TrainingJob;
import io.digits.training.settings.TrainingProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends a job's events to one Server-Sent Events client: first what it missed (everything after its
 * {@code Last-Event-ID}), then the live events, with a keep-alive comment whenever the stream is quiet, until the
 * {@code done} event. Each stream has a sender thread of its own, so a slow client blocks only itself; training
 * never waits for anyone. A client that falls too far behind is ended and resumes with {@code Last-Event-ID}.
 */
@Component
class JobEventStreamer {

	private static final Logger log = LoggerFactory.getLogger(JobEventStreamer.class);

	private final TrainingProperties.Stream settings;

	/** One thread per open stream, up to the bound; a stream past it is refused. */
	private final ThreadPoolTaskExecutor senders = new ThreadPoolTaskExecutor();

	JobEventStreamer(TrainingProperties properties) {
		this.settings = properties.stream();
		senders.setCorePoolSize(0);
		senders.setMaxPoolSize(settings.maxSubscribers());
		senders.setQueueCapacity(0);
		senders.setKeepAliveSeconds(30);
		senders.setThreadNamePrefix("job-events-");
		senders.setDaemon(true);
		senders.initialize();
	}

	SseEmitter stream(TrainingJob job, long lastEventId) {
		// no timeout of its own: keep-alives find the clients that left
		SseEmitter emitter = new SseEmitter(0L);
		JobEventLog.Subscription subscription = job.events().subscribe(lastEventId, settings.subscriberBuffer());
		AtomicBoolean closed = new AtomicBoolean();
		Runnable close = () -> {
			closed.set(true);
			subscription.cancel();
		};
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError(error -> close.run());
		try {
			senders.execute(() -> send(job, emitter, subscription, closed));
		}
		catch (RejectedExecutionException ex) {
			subscription.cancel();
			throw new TooManyStreamsException(settings.maxSubscribers());
		}
		return emitter;
	}

	private void send(TrainingJob job, SseEmitter emitter, JobEventLog.Subscription subscription, AtomicBoolean closed) {
		try {
			for (JobEventLog.Entry event : subscription.backlog()) {
				if (send(emitter, event)) {
					return;
				}
			}
			if (!subscription.open()) {
				emitter.complete();
				return;
			}
			while (!closed.get()) {
				JobEventLog.Entry event = subscription.live().poll(settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS);
				if (event != null) {
					if (send(emitter, event)) {
						return;
					}
				}
				else if (subscription.overflowed()) {
					log.debug("A subscriber of job {} fell behind and was dropped; it can resume with Last-Event-ID",
							job.id());
					emitter.complete();
					return;
				}
				else {
					emitter.send(SseEmitter.event().comment("keep-alive"));
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away: normal for a stream
			log.debug("Event stream of job {} ended: {}", job.id(), ex.getMessage());
			subscription.cancel();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			emitter.complete();
		}
	}

	/** Sends one event; true when it was the last one and the stream is complete. */
	private static boolean send(SseEmitter emitter, JobEventLog.Entry event) throws IOException {
		emitter.send(SseEmitter.event()
			.id(Long.toString(event.id()))
			.name(event.event().type())
			.data(event.event().data(), MediaType.APPLICATION_JSON));
		if (event.endsStream()) {
			emitter.complete();
			return true;
		}
		return false;
	}

	@PreDestroy
	void stop() {
		senders.shutdown();
	}

}

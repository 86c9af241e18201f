package io.digits.training;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.digits.training.events.JobEventSource;
import io.digits.training.events.JobEventSources;
import io.digits.training.job.TrainingJob;
import io.digits.training.settings.TrainingProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends a job's events to one Server-Sent Events client: first what it missed (everything after its
 * {@code Last-Event-ID}), then the live events, with a keep-alive comment whenever the stream is quiet, until the
 * {@code done} event. Each stream has a sender thread of its own, so a slow client blocks only itself; training
 * never waits for anyone. A client that falls too far behind is ended and resumes with {@code Last-Event-ID}.
 * <p>
 * Slots are bounded three ways, so no client can lock the others out: streams in all ({@code max-subscribers}, 503),
 * streams per remote address ({@code max-per-client}, 429), and each stream's lifetime ({@code max-lifetime}: it is
 * completed, and EventSource reconnects with {@code Last-Event-ID}, missing nothing). A stream's slots are freed as
 * soon as the container reports the connection completed or failed: the sender is woken at once rather than at its
 * next keep-alive.
 */
@Component
class JobEventStreamer {

	private static final Logger log = LoggerFactory.getLogger(JobEventStreamer.class);

	private final TrainingProperties.Stream settings;

	/** One thread per open stream, up to the bound; a stream past it is refused. */
	private final ThreadPoolTaskExecutor senders = new ThreadPoolTaskExecutor();

	/** Open streams by remote address; an address leaves the map with its last stream. */
	private final ConcurrentHashMap<String, Integer> streamsPerClient = new ConcurrentHashMap<>();

	/** Every open stream and what closes it: all are ended when the service stops. */
	private final Map<SseEmitter, Runnable> open = new ConcurrentHashMap<>();


	private final JobEventSources sources;

	JobEventStreamer(TrainingProperties properties, JobEventSources sources) {
		this.settings = properties.stream();
		this.sources = sources;
		senders.setCorePoolSize(0);
		senders.setMaxPoolSize(settings.maxSubscribers());
		senders.setQueueCapacity(0);
		senders.setKeepAliveSeconds(30);
		senders.setThreadNamePrefix("job-events-");
		senders.setDaemon(true);
		senders.initialize();
	}

	/** Opens a stream of the job's events after {@code lastEventId} for {@code client}, a remote address. */
	SseEmitter stream(TrainingJob job, long lastEventId, String client) {
		claim(client);
		// the sender completes the stream at its lifetime; the container's timeout is only a backstop for a sender
		// stuck writing to a client that stopped reading
		SseEmitter emitter = new SseEmitter(settings.maxLifetime().plus(settings.keepAlive().multipliedBy(2)).toMillis());
		JobEventSource subscription = sources.open(job.id(), job.events(), lastEventId, settings.subscriberBuffer());
		AtomicBoolean closed = new AtomicBoolean();
		Runnable close = () -> {
			if (closed.compareAndSet(false, true)) {
				subscription.cancel();
				release(client);
				open.remove(emitter);
			}
		};
		open.put(emitter, close);
		emitter.onCompletion(close);
		emitter.onTimeout(() -> {
			close.run();
			emitter.complete();
		});
		emitter.onError(error -> close.run());
		try {
			senders.execute(() -> {
				try {
					send(job, emitter, subscription, closed);
				}
				finally {
					close.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			close.run();
			throw new TooManyStreamsException(settings.maxSubscribers());
		}
		return emitter;
	}

	private void claim(String client) {
		boolean[] refused = { false };
		streamsPerClient.compute(client, (address, open) -> {
			int count = open == null ? 0 : open;
			if (count >= settings.maxPerClient()) {
				refused[0] = true;
				return open;
			}
			return count + 1;
		});
		if (refused[0]) {
			throw new TooManyStreamsFromClientException(client, settings.maxPerClient());
		}
	}

	private void release(String client) {
		streamsPerClient.computeIfPresent(client, (address, open) -> open <= 1 ? null : open - 1);
	}

	private void send(TrainingJob job, SseEmitter emitter, JobEventSource subscription, AtomicBoolean closed) {
		long deadline = System.nanoTime() + settings.maxLifetime().toNanos();
		long keepAliveMillis = settings.keepAlive().toMillis();
		try {
			for (JobEventSource.Sent event : subscription.backlog()) {
				if (closed.get() || send(emitter, event)) {
					return;
				}
			}
			if (!subscription.open()) {
				emitter.complete();
				return;
			}
			while (!closed.get()) {
				long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (leftMillis <= 0) {
					log.debug("A stream of job {} reached its lifetime; the client resumes with Last-Event-ID", job.id());
					emitter.complete();
					return;
				}
				JobEventSource.Sent event = subscription.next(Math.min(keepAliveMillis, leftMillis));
				if (event != null) {
					if (send(emitter, event)) {
						return;
					}
				}
				else if (closed.get()) {
					return;
				}
				else if (subscription.overflowed()) {
					log.debug("A subscriber of job {} fell behind and was dropped; it can resume with Last-Event-ID",
							job.id());
					emitter.complete();
					return;
				}
				else if (System.nanoTime() < deadline) {
					emitter.send(SseEmitter.event().comment("keep-alive"));
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away: normal for a stream
			log.debug("Event stream of job {} ended: {}", job.id(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			emitter.complete();
		}
	}

	/** Sends one event; true when it was the last one and the stream is complete. */
	private static boolean send(SseEmitter emitter, JobEventSource.Sent event) throws IOException {
		emitter.send(SseEmitter.event()
			.id(Long.toString(event.id()))
			.name(event.type())
			.data(event.data(), MediaType.APPLICATION_JSON));
		if (event.endsStream()) {
			emitter.complete();
			return true;
		}
		return false;
	}

	/**
	 * Ends every stream as the service begins to stop (the context's closed event comes before the web server waits
	 * for its requests to finish): an open stream would otherwise hold that graceful shutdown for its whole timeout,
	 * while running jobs wait to be stopped. Clients reconnect with Last-Event-ID (to another replica, or after the
	 * restart). Not a Lifecycle stop: a paused test context is stopped and started again, and must keep streaming.
	 */
	@EventListener(ContextClosedEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void endStreams() {
		open.forEach((emitter, close) -> {
			close.run();
			try {
				emitter.complete();
			}
			catch (IllegalStateException ex) {
				// completed already
			}
		});
	}

	@PreDestroy
	void stop() {
		senders.shutdown();
	}

}

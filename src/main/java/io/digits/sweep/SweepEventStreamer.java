package io.digits.sweep;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.digits.sweep.plan.SweepProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A sweep's events for one Server-Sent Events client, from what its view shows: the whole sweep first ({@code sweep}),
 * then each trial that started, paused, stopped or finished an epoch ({@code trial}), each new best ({@code best}),
 * each change of the sweep's state ({@code state}), and {@code done} with the whole sweep once it ended. The view is
 * looked at every {@code stream-interval}: in the shared mode the trials run on other replicas, and their records,
 * not this process's memory, say what happened. Streams are bounded in all, per client and in lifetime.
 */
@Component
class SweepEventStreamer {

	private static final Logger log = LoggerFactory.getLogger(SweepEventStreamer.class);

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private final SweepService sweeps;

	private final SweepProperties properties;

	private final ThreadPoolTaskScheduler ticks = new ThreadPoolTaskScheduler();

	private final AtomicInteger open = new AtomicInteger();

	private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

	SweepEventStreamer(SweepService sweeps, SweepProperties properties) {
		this.sweeps = sweeps;
		this.properties = properties;
		ticks.setPoolSize(2);
		ticks.setThreadNamePrefix("sweep-stream-");
		ticks.setDaemon(true);
		ticks.initialize();
	}

	SseEmitter stream(String sweepId, String client) {
		AtomicInteger clientStreams = perClient.computeIfAbsent(client, key -> new AtomicInteger());
		if (clientStreams.incrementAndGet() > properties.maxStreamsPerClient()) {
			release(client, clientStreams, false);
			throw TooManySweepStreamsException.fromClient(properties.maxStreamsPerClient());
		}
		if (open.incrementAndGet() > properties.maxStreams()) {
			release(client, clientStreams, true);
			throw TooManySweepStreamsException.inAll(properties.maxStreams());
		}
		SseEmitter emitter = new SseEmitter(properties.streamLifetime().toMillis());
		Stream stream = new Stream(sweepId, emitter);
		AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
		Runnable close = () -> {
			ScheduledFuture<?> running = task.getAndSet(null);
			if (running != null) {
				running.cancel(false);
				release(client, clientStreams, true);
			}
		};
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError(error -> close.run());
		task.set(ticks.scheduleWithFixedDelay(() -> {
			if (!stream.tick()) {
				close.run();
				emitter.complete();
			}
		}, properties.streamInterval()));
		return emitter;
	}

	private void release(String client, AtomicInteger clientStreams, boolean counted) {
		if (counted) {
			open.decrementAndGet();
		}
		if (clientStreams.decrementAndGet() <= 0) {
			perClient.remove(client, clientStreams);
		}
	}

	@PreDestroy
	void shutdown() {
		ticks.shutdown();
	}

	/** What one client was sent, to send only what changed. */
	private final class Stream {

		private final String sweepId;

		private final SseEmitter emitter;

		private SweepView last;

		private long lastSent = System.nanoTime();

		Stream(String sweepId, SseEmitter emitter) {
			this.sweepId = sweepId;
			this.emitter = emitter;
		}

		/** False once the stream is over. */
		boolean tick() {
			try {
				SweepView now = sweeps.view(sweeps.get(sweepId));
				if (last == null) {
					send("sweep", now);
				}
				else {
					sendChanges(now);
				}
				last = now;
				if (now.state().isFinal()) {
					send("done", now);
					return false;
				}
				if (System.nanoTime() - lastSent > KEEP_ALIVE.toNanos()) {
					emitter.send(SseEmitter.event().comment("keep-alive"));
					lastSent = System.nanoTime();
				}
				return true;
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away
				return false;
			}
			catch (RuntimeException ex) {
				log.warn("Sweep {} stream ended: {}", sweepId, ex.toString());
				return false;
			}
		}

		private void sendChanges(SweepView now) throws IOException {
			Map<Integer, TrialView> before = new HashMap<>();
			last.trials().forEach(trial -> before.put(trial.index(), trial));
			for (TrialView trial : now.trials()) {
				TrialView was = before.get(trial.index());
				if (was == null || !Objects.equals(was.state(), trial.state()) || was.epochs() != trial.epochs()
						|| !Objects.equals(was.stopReason(), trial.stopReason())) {
					send("trial", trial);
				}
			}
			String bestBefore = last.best() == null ? null : last.best().jobId();
			if (now.best() != null && !Objects.equals(bestBefore, now.best().jobId())) {
				send("best", now.best());
			}
			if (now.state() != last.state()) {
				send("state", Map.of("state", now.state()));
			}
		}

		private void send(String name, Object data) throws IOException {
			emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
			lastSent = System.nanoTime();
		}

	}

}

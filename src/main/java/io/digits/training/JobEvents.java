package io.digits.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A job's events in order, kept for replay, and the live subscribers they are handed to. Publishing never blocks:
 * each subscriber has a bounded queue, and one that falls too far behind is marked as overflowed and must
 * resubscribe from its last event id. Past {@code capacity} events, the oldest iteration events are dropped (state,
 * epoch and done events are always kept).
 */
final class JobEvents {

	private final int capacity;

	private final List<JobEvent> log = new ArrayList<>();

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private long lastId;

	JobEvents(int capacity) {
		this.capacity = capacity;
	}

	synchronized JobEvent publish(String type, Object data) {
		JobEvent event = new JobEvent(++lastId, type, data);
		if (log.size() >= capacity) {
			dropOldestIterationEvent();
		}
		log.add(event);
		for (Subscription subscription : subscriptions) {
			subscription.offer(event);
		}
		return event;
	}

	/**
	 * Subscribes from after {@code lastSeenId}: the events already published are in the subscription's backlog, the
	 * later ones arrive in its queue, with none lost and none twice. A subscription to a finished job holds only its
	 * backlog.
	 */
	synchronized Subscription subscribe(long lastSeenId, int bufferSize) {
		List<JobEvent> backlog = new ArrayList<>();
		for (JobEvent event : log) {
			if (event.id() > lastSeenId) {
				backlog.add(event);
			}
		}
		boolean finished = !log.isEmpty() && log.get(log.size() - 1).isLast();
		Subscription subscription = new Subscription(this, backlog, bufferSize, !finished);
		if (!finished) {
			subscriptions.add(subscription);
		}
		return subscription;
	}

	/** Keeps at most about {@code limit} iteration events, evenly spread, to keep a finished job small in memory. */
	synchronized void thinIterationEvents(int limit) {
		long iterationEvents = log.stream().filter(event -> JobEvent.ITERATION.equals(event.type())).count();
		if (iterationEvents <= limit) {
			return;
		}
		long keepEvery = (iterationEvents + limit - 1) / limit;
		long[] seen = { 0 };
		log.removeIf(event -> JobEvent.ITERATION.equals(event.type()) && seen[0]++ % keepEvery != 0);
	}

	synchronized long lastId() {
		return lastId;
	}

	synchronized List<JobEvent> all() {
		return List.copyOf(log);
	}

	int subscriberCount() {
		return subscriptions.size();
	}

	private void dropOldestIterationEvent() {
		for (int i = 0; i < log.size(); i++) {
			if (JobEvent.ITERATION.equals(log.get(i).type())) {
				log.remove(i);
				return;
			}
		}
	}

	/** One subscriber's view of the stream: the backlog first, then the live events. */
	static final class Subscription {

		private final JobEvents events;

		private final List<JobEvent> backlog;

		private final BlockingQueue<JobEvent> live;

		private final boolean open;

		private volatile boolean overflowed;

		private Subscription(JobEvents events, List<JobEvent> backlog, int bufferSize, boolean open) {
			this.events = events;
			this.backlog = backlog;
			this.live = new ArrayBlockingQueue<>(Math.max(1, bufferSize));
			this.open = open;
		}

		/** False for a finished job's stream: the backlog is all there is. */
		boolean open() {
			return open;
		}

		List<JobEvent> backlog() {
			return backlog;
		}

		BlockingQueue<JobEvent> live() {
			return live;
		}

		/** True when the subscriber fell so far behind that events were dropped: it must resubscribe. */
		boolean overflowed() {
			return overflowed;
		}

		private void offer(JobEvent event) {
			if (!live.offer(event)) {
				overflowed = true;
				cancel();
			}
		}

		void cancel() {
			events.subscriptions.remove(this);
		}

	}

}

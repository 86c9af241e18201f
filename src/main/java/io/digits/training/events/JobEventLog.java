package io.digits.training.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A job's events in order, kept for replay, and the live subscribers they are handed to. Publishing never blocks:
 * each subscriber has a bounded queue, and one that falls too far behind is marked as overflowed and must
 * resubscribe from its last event id. Past {@code capacity} events, the oldest iteration events are dropped (state,
 * epoch and done events are always kept).
 */
public final class JobEventLog {

	private final int capacity;

	private final List<Entry> log = new ArrayList<>();

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private long lastId;

	/** Where every new event also goes, in order (the shared mode's journal); none by default. */
	private Consumer<Entry> journal = entry -> {
	};

	/** One published event with its place in the stream. */
	public record Entry(long id, JobEvent event) {

		/** The id increases from 1 within the job; it is what a client sends back as {@code Last-Event-ID}. */
		public boolean endsStream() {
			return event.endsStream();
		}

	}

	public JobEventLog(int capacity) {
		this.capacity = capacity;
	}

	public synchronized Entry publish(JobEvent published) {
		Entry event = new Entry(++lastId, published);
		if (log.size() >= capacity) {
			dropOldestIterationEvent();
		}
		log.add(event);
		for (Subscription subscription : subscriptions) {
			subscription.offer(event);
		}
		journal.accept(event);
		return event;
	}

	/**
	 * Forgets what was published so far and numbers the next event {@code lastStoredId + 1}: a job read back from the
	 * shared store, whose events are the journal's, with ids that never restart.
	 */
	public synchronized void continueFrom(long lastStoredId) {
		log.clear();
		lastId = lastStoredId;
	}

	/**
	 * Replaces what was published so far with the journal's events of the job (read back after a restart): the
	 * stream then shows the same events under the same ids, and the next event follows the last.
	 */
	public synchronized void restore(List<JobEventSource.Sent> journaled) {
		log.clear();
		for (JobEventSource.Sent event : journaled) {
			if (log.size() >= capacity) {
				dropOldestIterationEvent();
			}
			log.add(new Entry(event.id(), new JobEvent.Journaled(event.type(), (String) event.data())));
			lastId = event.id();
		}
	}

	/** Sends every event published from now on to {@code journal} too, on the publishing thread, in order. */
	public synchronized void journalTo(Consumer<Entry> journal) {
		this.journal = journal;
	}

	/**
	 * Subscribes from after {@code lastSeenId}: the events already published are in the subscription's backlog, the
	 * later ones arrive in its queue, with none lost and none twice. A subscription to a finished job holds only its
	 * backlog.
	 */
	public synchronized Subscription subscribe(long lastSeenId, int bufferSize) {
		List<Entry> backlog = new ArrayList<>();
		for (Entry event : log) {
			if (event.id() > lastSeenId) {
				backlog.add(event);
			}
		}
		boolean finished = !log.isEmpty() && log.get(log.size() - 1).endsStream();
		Subscription subscription = new Subscription(this, backlog, bufferSize, !finished);
		if (!finished) {
			subscriptions.add(subscription);
		}
		return subscription;
	}

	/** Keeps at most about {@code limit} iteration events, evenly spread, to keep a finished job small in memory. */
	public synchronized void thinIterationEvents(int limit) {
		long iterationEvents = log.stream().filter(event -> isIteration(event)).count();
		if (iterationEvents <= limit) {
			return;
		}
		long keepEvery = (iterationEvents + limit - 1) / limit;
		long[] seen = { 0 };
		log.removeIf(event -> isIteration(event) && seen[0]++ % keepEvery != 0);
	}

	public synchronized long lastId() {
		return lastId;
	}

	public synchronized List<Entry> all() {
		return List.copyOf(log);
	}

	public int subscriberCount() {
		return subscriptions.size();
	}

	private static boolean isIteration(Entry entry) {
		return entry.event() instanceof JobEvent.Iteration
				|| entry.event() instanceof JobEvent.Journaled journaled && journaled.type().equals("iteration");
	}

	private void dropOldestIterationEvent() {
		for (int i = 0; i < log.size(); i++) {
			if (isIteration(log.get(i))) {
				log.remove(i);
				return;
			}
		}
	}

	/** One subscriber's view of the stream: the backlog first, then the live events. */
	public static final class Subscription {

		/** Put in the queue by {@link #cancel()}, so a sender waiting for the next event wakes up at once. */
		private static final Entry WAKE_UP = new Entry(0, null);

		private final JobEventLog log;

		private final List<Entry> backlog;

		private final BlockingQueue<Entry> live;

		private final boolean open;

		private volatile boolean overflowed;

		private Subscription(JobEventLog events, List<Entry> backlog, int bufferSize, boolean open) {
			this.log = events;
			this.backlog = backlog;
			this.live = new ArrayBlockingQueue<>(Math.max(1, bufferSize));
			this.open = open;
		}

		/** False for a finished job's stream: the backlog is all there is. */
		public boolean open() {
			return open;
		}

		public List<Entry> backlog() {
			return backlog;
		}

		public BlockingQueue<Entry> live() {
			return live;
		}

		/**
		 * The next live event, waiting at most {@code timeoutMillis}; null when none came in time or the subscription
		 * was cancelled meanwhile.
		 */
		public Entry next(long timeoutMillis) throws InterruptedException {
			Entry event = live.poll(timeoutMillis, TimeUnit.MILLISECONDS);
			return event == WAKE_UP ? null : event;
		}

		/** True when the subscriber fell so far behind that events were dropped: it must resubscribe. */
		public boolean overflowed() {
			return overflowed;
		}

		private void offer(Entry event) {
			if (!live.offer(event)) {
				overflowed = true;
				cancel();
			}
		}

		/** Ends the subscription; a sender waiting in {@link #next} returns at once (unless the queue is full). */
		public void cancel() {
			log.subscriptions.remove(this);
			live.offer(WAKE_UP);
		}

	}

}

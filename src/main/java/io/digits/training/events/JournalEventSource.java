package io.digits.training.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobEventSource} over the journal in the database: the shared mode's streams, for a job trained on any
 * replica. It reads what is new when woken (the journal's writer signals every replica after each batch) and, in case
 * a signal was lost, at least every {@value #POLL_MILLIS} ms.
 */
public final class JournalEventSource implements JobEventSource {

	private static final long POLL_MILLIS = 1000;

	private static final int PAGE = 500;

	private final JobEventJournal journal;

	private final String jobId;

	private final Runnable unsubscribe;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Deque<Sent> pending = new ArrayDeque<>();

	private final List<Sent> backlog;

	private long lastRead;

	private volatile boolean ended;

	private volatile boolean cancelled;

	/** Reads the backlog at once; {@code unsubscribe} is run by {@link #cancel()}. */
	public JournalEventSource(JobEventJournal journal, String jobId, long lastSeenId, int backlogLimit,
			Runnable unsubscribe) {
		this.journal = journal;
		this.jobId = jobId;
		this.unsubscribe = unsubscribe;
		this.backlog = journal.after(jobId, lastSeenId, backlogLimit);
		this.lastRead = backlog.isEmpty() ? lastSeenId : backlog.get(backlog.size() - 1).id();
		this.ended = backlog.stream().anyMatch(Sent::endsStream);
	}

	/** New events were journaled for the job: read them at the next {@link #next}. */
	public void wakeUp() {
		wakeUps.release();
	}

	@Override
	public List<Sent> backlog() {
		return backlog;
	}

	@Override
	public boolean open() {
		return !ended;
	}

	@Override
	public Sent next(long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		while (!cancelled) {
			if (pending.isEmpty()) {
				pending.addAll(journal.after(jobId, lastRead, PAGE));
				if (!pending.isEmpty()) {
					lastRead = pending.peekLast().id();
				}
			}
			if (!pending.isEmpty()) {
				return pending.pollFirst();
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			wakeUps.tryAcquire(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS), TimeUnit.MILLISECONDS);
			wakeUps.drainPermits();
		}
		return null;
	}

	@Override
	public boolean overflowed() {
		return false;
	}

	@Override
	public void cancel() {
		cancelled = true;
		unsubscribe.run();
		wakeUps.release();
	}

}

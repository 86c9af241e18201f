package io.digits.training.fused;

import java.util.concurrent.locks.LockSupport;

/**
 * One thread that runs one task at a time for the training thread, handed over with a short spin before parking on
 * either side. An executor's queue hands a task over by parking and waking threads, 50-100 microseconds a batch on
 * these machines, which cost more than half a batch of 32 saved (issue 15, bench/TrainingBreakdown.java); a spin of
 * at most {@link #SPIN_NANOS} catches the next batch without a wake-up, and the thread parks between jobs or when the
 * machine is too busy to keep it on a core.
 */
final class HelperThread implements AutoCloseable {

	/** How long either side spins before it parks: longer than the updater's step between two batches. */
	static final long SPIN_NANOS = 200_000;

	private final Thread thread;

	private volatile Runnable task;

	private volatile Throwable failure;

	/** Tasks handed over and tasks finished: equal when the helper is idle. */
	private volatile long handed, finished;

	private volatile Thread waiting;

	private volatile boolean closed;

	HelperThread(String name) {
		thread = new Thread(this::loop, name);
		thread.setDaemon(true);
		thread.start();
	}

	/** Hands {@code work} to the helper; the caller must {@link #await()} it before handing another. */
	void start(Runnable work) {
		if (closed) {
			throw new IllegalStateException("the helper thread was closed");
		}
		failure = null;
		task = work;
		handed++;
		LockSupport.unpark(thread);
	}

	/** Waits for the task handed last; rethrows what it threw. */
	void await() {
		long target = handed;
		long spinUntil = System.nanoTime() + SPIN_NANOS;
		while (finished != target) {
			if (System.nanoTime() < spinUntil) {
				Thread.onSpinWait();
			}
			else {
				waiting = Thread.currentThread();
				if (finished != target) {
					LockSupport.parkNanos(this, 1_000_000);
				}
				waiting = null;
			}
		}
		Throwable thrown = failure;
		if (thrown instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
	}

	private void loop() {
		long done = 0;
		while (true) {
			long spinUntil = System.nanoTime() + SPIN_NANOS;
			while (handed == done && !closed) {
				if (System.nanoTime() < spinUntil) {
					Thread.onSpinWait();
				}
				else {
					LockSupport.park(this);
				}
			}
			if (handed == done) {
				// closed, and nothing handed over is left undone
				return;
			}
			try {
				task.run();
			}
			catch (Throwable thrown) {
				failure = thrown;
			}
			done = handed;
			finished = done;
			Thread waiter = waiting;
			if (waiter != null) {
				LockSupport.unpark(waiter);
			}
		}
	}

	/**
	 * Ends the thread and waits for it: a task handed over finishes first, so whatever memory it uses may be freed
	 * once this returns.
	 */
	@Override
	public void close() {
		closed = true;
		LockSupport.unpark(thread);
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.digits.inference.image;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap all requests together may fill with decoded pixels at once. Each decode takes its estimated bytes before
 * the first pixel is read and gives them back once the image is prepared, so parallel uploads of large images wait
 * their turn instead of running the heap out; one that waits longer than a short while is told to come back (503).
 * Counted in kilobytes, so a budget of many gigabytes still fits a semaphore's int permits.
 */
public final class DecodeBudget {

	private static final long KILOBYTE = 1024;

	private final Semaphore kilobytes;

	private final int totalKilobytes;

	private final Duration wait;

	/**
	 * @param bytes the heap decoded images may take at once, over all requests
	 * @param wait how long a decode waits for its share before it is refused
	 */
	public DecodeBudget(long bytes, Duration wait) {
		this.totalKilobytes = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / KILOBYTE));
		// fair: a client that was refused and comes back is not overtaken by newcomers forever
		this.kilobytes = new Semaphore(totalKilobytes, true);
		this.wait = wait;
	}

	/** A budget of the given share of the heap this JVM may grow to. */
	public static DecodeBudget ofHeap(int percent, Duration wait) {
		return new DecodeBudget(Runtime.getRuntime().maxMemory() / 100 * percent, wait);
	}

	public long totalBytes() {
		return totalKilobytes * KILOBYTE;
	}

	/**
	 * Takes the bytes a decode needs, waiting up to the budget's wait. A decode larger than the whole budget takes
	 * all of it, so it runs alone rather than never.
	 *
	 * @throws DecodeBusyException when the budget stays taken for longer than the wait
	 */
	Lease acquire(long bytes, String name) {
		int permits = (int) Math.min(totalKilobytes, Math.max(1, (bytes + KILOBYTE - 1) / KILOBYTE));
		try {
			if (!kilobytes.tryAcquire(permits, wait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw DecodeBusyException.budgetTaken(name, bytes, totalBytes(), wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw DecodeBusyException.budgetTaken(name, bytes, totalBytes(), wait);
		}
		return new Lease(permits);
	}

	/** A share of the budget, given back when closed. */
	final class Lease implements AutoCloseable {

		private final int permits;

		private Lease(int permits) {
			this.permits = permits;
		}

		@Override
		public void close() {
			kilobytes.release(permits);
		}

	}

}

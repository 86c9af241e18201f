package io.digits.training.events;

/**
 * Turns the iterations of a job into a few {@code iteration} events per second, each with the mean loss of the
 * iterations it covers, so a fast job does not flood its subscribers. Touched by the training thread only.
 */
public final class IterationEvents {

	private final JobEventLog log;

	private final long intervalNanos;

	private double pendingLossSum;

	private int pendingIterations;

	private long lastEventNanos = System.nanoTime();

	public IterationEvents(JobEventLog log, int eventsPerSecond) {
		this.log = log;
		this.intervalNanos = 1_000_000_000L / eventsPerSecond;
	}

	/** Training (re)starts: the first event comes one interval from now. */
	public void restartClock() {
		lastEventNanos = System.nanoTime();
	}

	/** Counts one iteration; publishes an event when the interval has passed. */
	public void add(long iteration, int epoch, double loss, double samplesPerSecond) {
		pendingLossSum += loss;
		pendingIterations++;
		long now = System.nanoTime();
		if (now - lastEventNanos >= intervalNanos) {
			lastEventNanos = now;
			flush(iteration, epoch, samplesPerSecond);
		}
	}

	/** Publishes what is pending, before an epoch or a state event, so the stream stays in order. */
	public void flush(long iteration, int epoch, double samplesPerSecond) {
		if (pendingIterations == 0) {
			return;
		}
		log.publish(new JobEvent.Iteration(iteration, epoch, pendingLossSum / pendingIterations,
				Double.isNaN(samplesPerSecond) ? null : samplesPerSecond, pendingIterations));
		pendingLossSum = 0;
		pendingIterations = 0;
	}

}

package io.digits.inference;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The prediction requests being answered right now, so that work nobody waits for (the rollout's comparisons) runs
 * only when no client is being served: on two cores, a shadow's pass run beside the clients' raised their p95 by half
 * (bench/rollout-cost.sh, docs/performance.md). Under steady load there is no idle moment, and that work is dropped.
 */
@Component
class ClientLoad {

	/** How often a waiting comparison looks again: short beside a request's gap, long beside a check's cost. */
	private static final long POLL_NANOS = 200_000;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Answers a request, counted as being answered while it runs. */
	<T> T answering(Supplier<T> request) {
		inFlight.incrementAndGet();
		try {
			return request.get();
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	/** Waits, at most {@code patience}, for a moment when no request is being answered; false when none came. */
	boolean awaitIdle(Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (inFlight.get() > 0) {
			if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
				return false;
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
		return true;
	}

}

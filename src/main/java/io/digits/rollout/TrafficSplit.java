package io.digits.rollout;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Which requests the canary answers and which the shadow sees. Shares are counted in basis points (0.01%): a request
 * falls in one of 10,000 buckets, drawn at random, or, for a canary that is sticky, chosen by a hash of the client's
 * header value and the canary's id. The same client then stays on the same model, and when the canary's share grows
 * the clients already on it stay on it (their buckets stay below the new bound).
 */
final class TrafficSplit {

	static final int BUCKETS = 10_000;

	/** Null when unseeded: each thread draws from its own generator, with no contention. */
	private final Random canaryDraws;

	private final Random shadowDraws;

	private TrafficSplit(Long seed) {
		// two streams, so that the canary's draws are the same whether or not a shadow draws too
		this.canaryDraws = seed == null ? null : new Random(seed);
		this.shadowDraws = seed == null ? null : new Random(seed + 1);
	}

	/** A fresh split: with a seed, the draws start again from it, so that the same requests split the same way. */
	static TrafficSplit of(Long seed) {
		return new TrafficSplit(seed);
	}

	boolean toCanary(Routing.Canary canary, Function<String, String> headers) {
		int bucket;
		String client = canary.stickyBy() == null ? null : headers.apply(canary.stickyBy());
		if (client != null && !client.isEmpty()) {
			bucket = Math.floorMod(MurmurHash3.hash32x86((canary.modelId() + '\n' + client).getBytes(StandardCharsets.UTF_8)),
					BUCKETS);
		}
		else {
			bucket = draw(canaryDraws);
		}
		return bucket < basisPoints(canary.percent());
	}

	boolean toShadow(Routing.Shadow shadow) {
		return draw(shadowDraws) < basisPoints(shadow.percent());
	}

	private static int draw(Random seeded) {
		return seeded != null ? seeded.nextInt(BUCKETS) : ThreadLocalRandom.current().nextInt(BUCKETS);
	}

	private static long basisPoints(double percent) {
		return Math.round(percent * (BUCKETS / 100));
	}

}

package io.digits.rollout;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficSplitTests {

	private static final Function<String, String> NO_HEADERS = name -> null;

	@Test
	void aSeededTenPercentCanaryGetsTenPercentOf2000AndTheSameRequestsAgain() {
		Routing.Canary canary = new Routing.Canary("model-00000000000b", 10, null);

		long first = count(TrafficSplit.of(42L), canary, 2000);
		long again = count(TrafficSplit.of(42L), canary, 2000);

		assertThat(first).isBetween(160L, 240L).isEqualTo(again);
		assertThat(count(TrafficSplit.of(7L), canary, 2000)).isBetween(160L, 240L);
	}

	@Test
	void theShadowsDrawsLeaveTheCanarysAlone() {
		Routing.Canary canary = new Routing.Canary("model-00000000000b", 25, null);
		TrafficSplit alone = TrafficSplit.of(3L);
		TrafficSplit withShadow = TrafficSplit.of(3L);

		for (int i = 0; i < 500; i++) {
			withShadow.toShadow(new Routing.Shadow("model-00000000000c", 50));
			assertThat(withShadow.toCanary(canary, NO_HEADERS)).isEqualTo(alone.toCanary(canary, NO_HEADERS));
		}
	}

	@Test
	void aStickyCanaryKeepsEachClientOnOneModelAndGrowingItKeepsItsClients() {
		Routing.Canary tenPercent = new Routing.Canary("model-00000000000b", 10, "X-Client");
		Routing.Canary thirtyPercent = new Routing.Canary("model-00000000000b", 30, "X-Client");
		TrafficSplit split = TrafficSplit.of(null);

		long onCanary = 0;
		for (int client = 0; client < 2000; client++) {
			Function<String, String> headers = Map.of("X-Client", "client-" + client)::get;
			boolean first = split.toCanary(tenPercent, headers);
			for (int request = 0; request < 5; request++) {
				assertThat(split.toCanary(tenPercent, headers)).isEqualTo(first);
			}
			if (first) {
				onCanary++;
				assertThat(split.toCanary(thirtyPercent, headers)).isTrue();
			}
		}
		assertThat(onCanary).isBetween(140L, 260L);
	}

	@Test
	void noneAndAllMeanNoneAndAll() {
		TrafficSplit split = TrafficSplit.of(1L);
		assertThat(IntStream.range(0, 1000).filter(i -> split.toCanary(new Routing.Canary("m", 0, null), NO_HEADERS)))
			.isEmpty();
		assertThat(IntStream.range(0, 1000).allMatch(i -> split.toShadow(new Routing.Shadow("m", 100)))).isTrue();
	}

	private static long count(TrafficSplit split, Routing.Canary canary, int requests) {
		return IntStream.range(0, requests).filter(i -> split.toCanary(canary, NO_HEADERS)).count();
	}

}

package io.digits.inference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.digits.model.ClassProbabilities;
import io.digits.model.LoadedModel;
import io.digits.rollout.RolloutProperties;
import io.digits.rollout.Route;
import io.digits.rollout.RoutingService;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * What the rollout compares, after the client has its answer: the shadow's pass on a copy of the request, and, for a
 * request the canary answered, the primary's. One thread of its own takes them from a bounded queue, and runs each
 * only at a moment when no prediction request is being answered ({@link ClientLoad}); when none comes within
 * {@code digits.rollout.idle-wait}, or the queue is full, the comparison is dropped (and counted), so that the clients
 * never wait for it nor share the cores with it. Its passes go through the same inference thread as the clients'.
 */
@Component
class RolloutComparisons {

	private static final Logger log = LoggerFactory.getLogger(RolloutComparisons.class);

	private final BatchingPredictor predictor;

	private final RoutingService routing;

	private final InferenceProperties inference;

	private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

	private final ClientLoad load;

	private final Duration idleWait;

	RolloutComparisons(BatchingPredictor predictor, RoutingService routing, RolloutProperties properties,
			InferenceProperties inference, ClientLoad load) {
		this.load = load;
		this.idleWait = properties.idleWait();
		this.predictor = predictor;
		this.routing = routing;
		this.inference = inference;
		worker.setCorePoolSize(1);
		worker.setMaxPoolSize(1);
		worker.setQueueCapacity(properties.comparisonQueue());
		worker.setThreadNamePrefix("rollout-compare-");
		worker.setDaemon(true);
		worker.initialize();
	}

	/** Queues the request's comparisons, if it has any; returns at once. */
	void compareLater(Route route, float[][] images, int[] digits) {
		if (!route.comparedLater()) {
			return;
		}
		try {
			worker.execute(() -> compare(route, images, digits));
		}
		catch (RejectedExecutionException ex) {
			routing.dropped(route);
		}
	}

	private void compare(Route route, float[][] images, int[] digits) {
		if (!load.awaitIdle(idleWait)) {
			// no moment without a client to serve: under load the comparisons give way
			routing.dropped(route);
			return;
		}
		try {
			int[] primaryDigits = digits;
			if (route.model() != route.primary()) {
				primaryDigits = ClassProbabilities.likeliestOfEach(pass(route.primary(), images));
				routing.canaryCompared(route, primaryDigits, digits);
			}
			if (route.shadow() != null) {
				long start = System.nanoTime();
				int[] shadowDigits = ClassProbabilities.likeliestOfEach(pass(route.shadow(), images));
				routing.shadowed(route, primaryDigits, shadowDigits, System.nanoTime() - start);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// the comparison is lost (an overload, a timeout), the client's answer is not: counted, and the next one runs
			log.debug("A rollout comparison was dropped: {}", ex.toString());
			routing.dropped(route);
		}
	}

	private float[][] pass(LoadedModel model, float[][] images) throws Exception {
		CompletableFuture<float[][]> result = predictor.predict(model, images);
		return result.get(inference.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		worker.shutdown();
	}

}

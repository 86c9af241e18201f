package io.digits.rollout;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.digits.model.LoadedModel;
import io.digits.model.ModelInUse;
import io.digits.model.ModelMetadata;
import io.digits.model.ModelService;
import io.digits.model.NoActiveModelException;
import io.digits.shared.ClusterSignals;
import io.digits.shared.StoreUnwritableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Which model answers each prediction: the primary (the active model), a canary for a share of the requests, and a
 * shadow that sees a copy of a share after they are answered. A request reads the routing once, as one immutable
 * {@link Live} snapshot, so a change (a promotion included) never splits a request between two routings. The routing
 * is stored next to the active-model pointer and, in the shared mode, every replica reads it again when told
 * (channel {@value #CHANGED}).
 */
@Service
public class RoutingService implements ModelInUse {

	private static final Logger log = LoggerFactory.getLogger(RoutingService.class);

	static final String CHANGED = "routing";

	private final ModelService models;

	private final RoutingStore store;

	private final ClusterSignals signals;

	private final Clock clock;

	private final RolloutProperties properties;

	private final RolloutMetrics metrics;

	private volatile Live live;

	RoutingService(ModelService models, RoutingStore store, ClusterSignals signals, Clock clock,
			RolloutProperties properties, RolloutMetrics metrics) {
		this.models = models;
		this.store = store;
		this.signals = signals;
		this.clock = clock;
		this.properties = properties;
		this.metrics = metrics;
		this.live = load(store.read().orElse(Routing.primaryOnly(clock.instant())));
		signals.subscribe(CHANGED, changed -> readAgain());
		signals.onResync(this::readAgain);
	}

	/** Where one request goes; {@code headers} gives the value of a request header, for a sticky canary. */
	public Route route(Function<String, String> headers) {
		LoadedModel primary = models.active().orElseThrow(NoActiveModelException::new);
		Live current = live;
		Routing routing = current.routing();
		boolean toCanary = current.canary() != null && current.split().toCanary(routing.canary(), headers);
		LoadedModel shadow = current.shadow() != null && current.split().toShadow(routing.shadow()) ? current.shadow()
				: null;
		return toCanary ? new Route(current.canary(), Role.CANARY, primary, shadow, routing)
				: new Route(primary, Role.PRIMARY, primary, shadow, routing);
	}

	/** A request answered: counted for the report (unless it named its model) and in the metrics. */
	public void answered(Route route, int images, long nanos) {
		metrics.predicted(route.model().id(), route.role(), images);
		report(route).ifPresent(report -> report.answered(route.model().id(), route.role(), images, nanos));
	}

	/** The primary's digits for a canary's request, computed after the response. */
	public void canaryCompared(Route route, int[] primaryDigits, int[] canaryDigits) {
		report(route).ifPresent(report -> report.compared(route.model().id(), Role.CANARY, primaryDigits, canaryDigits));
	}

	/** A shadow's pass after the response, against the primary's digits. */
	public void shadowed(Route route, int[] primaryDigits, int[] shadowDigits, long nanos) {
		metrics.predicted(route.shadow().id(), Role.SHADOW, shadowDigits.length);
		report(route).ifPresent(report -> report.shadowed(route.shadow().id(), primaryDigits, shadowDigits, nanos));
	}

	/** A comparison left out (no idle moment, a full queue): counted against the canary or the shadow it was for. */
	public void dropped(Route route) {
		report(route).ifPresent(report -> {
			if (route.role() == Role.CANARY) {
				report.dropped(route.model().id(), Role.CANARY);
			}
			if (route.shadow() != null) {
				report.dropped(route.shadow().id(), Role.SHADOW);
			}
		});
	}

	/** The report of the routing that chose the route, while it is still the routing; empty for a named model. */
	private Optional<RolloutReport> report(Route route) {
		Live current = live;
		return route.routing() != null && route.routing() == current.routing() ? Optional.of(current.report())
				: Optional.empty();
	}

	public RoutingView current() {
		Routing routing = live.routing();
		String primary = models.active().map(LoadedModel::id).orElse(null);
		return new RoutingView(primary, routing.canary(), routing.shadow(), routing.setAt());
	}

	public RolloutReportView report() {
		return live.report().view();
	}

	/** Sets the whole routing; the primary named is activated first. Nothing changes when any part is refused. */
	public synchronized RoutingView set(RoutingRequest request) {
		String activeId = models.active().map(LoadedModel::id).orElse(null);
		RoutingRequests.Checked checked = RoutingRequests.check(request, activeId, models, clock.instant());
		Routing routing = checked.routing();
		// loaded before anything changes: a model that cannot be read refuses the routing
		Live next = fresh(routing, routing.canary() == null ? null : models.loaded(routing.canary().modelId()),
				routing.shadow() == null ? null : models.loaded(routing.shadow().modelId()));
		if (checked.primary() != null) {
			models.activate(checked.primary());
		}
		replace(next, "The routing was not set");
		log.info("Routing: primary {}, canary {}, shadow {}", checked.primary() != null ? checked.primary() : activeId,
				checked.routing().canary(), checked.routing().shadow());
		return current();
	}

	/** The canary becomes the primary; the shadow stays. */
	public synchronized RoutingView promote() {
		Routing routing = live.routing();
		if (routing.canary() == null) {
			throw new NoCanaryException();
		}
		// activated first: until the routing below replaces this one, the canary's share and the rest both get it
		models.activate(routing.canary().modelId());
		replace(fresh(new Routing(null, routing.shadow(), clock.instant()), null, live.shadow()),
				"The canary was promoted but the routing not cleared");
		log.info("Promoted canary {} to primary", routing.canary().modelId());
		return current();
	}

	/** {@code PUT /api/models/active}: the model becomes primary, with no canary and no shadow. */
	public synchronized ModelMetadata activateAlone(String modelId) {
		ModelMetadata model = models.activate(modelId);
		if (live.routing().canary() != null || live.routing().shadow() != null) {
			replace(load(Routing.primaryOnly(clock.instant())), "Model %s is active but its canary and shadow remain"
				.formatted(modelId));
		}
		return model;
	}

	@Override
	public Optional<String> use(String modelId) {
		Routing routing = live.routing();
		if (routing.canary() != null && routing.canary().modelId().equals(modelId)) {
			return Optional.of("the canary");
		}
		if (routing.shadow() != null && routing.shadow().modelId().equals(modelId)) {
			return Optional.of("the shadow");
		}
		return Optional.empty();
	}

	private void replace(Live next, String refused) {
		try {
			store.write(next.routing());
		}
		catch (IOException ex) {
			log.error("{}: {}", refused, ex.toString());
			throw new StoreUnwritableException(refused, ex);
		}
		live = next;
		signals.send(CHANGED, "routing");
	}

	/** Another replica set the routing: this one routes as stored, counting again unless it is the same routing. */
	private synchronized void readAgain() {
		Routing stored = store.read().orElse(null);
		if (stored != null && Objects.equals(stored.setAt(), live.routing().setAt())) {
			return;
		}
		live = load(stored != null ? stored : Routing.primaryOnly(clock.instant()));
	}

	/** The routing with its models loaded; a part whose model cannot be loaded (at start, or when read again) is left out. */
	private Live load(Routing routing) {
		LoadedModel canary = routing.canary() == null ? null : loaded(routing.canary().modelId(), "canary");
		LoadedModel shadow = routing.shadow() == null ? null : loaded(routing.shadow().modelId(), "shadow");
		Routing usable = new Routing(canary == null ? null : routing.canary(), shadow == null ? null : routing.shadow(),
				routing.setAt());
		return fresh(usable, canary, shadow);
	}

	private LoadedModel loaded(String modelId, String role) {
		try {
			return models.loaded(modelId);
		}
		catch (RuntimeException ex) {
			log.error("The {} {} cannot be served ({}): the routing goes on without it", role, modelId, ex.getMessage());
			return null;
		}
	}

	/** A routing with its models, new draws (from the seed again) and a report counting from its setting. */
	private Live fresh(Routing routing, LoadedModel canary, LoadedModel shadow) {
		return new Live(routing, canary, shadow, TrafficSplit.of(properties.seed()),
				new RolloutReport(routing.setAt(), properties.latencyWindow()));
	}

	/** One routing with its models, its draws and its report: replaced whole, never changed. */
	private record Live(Routing routing, LoadedModel canary, LoadedModel shadow, TrafficSplit split,
			RolloutReport report) {
	}

}

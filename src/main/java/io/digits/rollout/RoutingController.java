package io.digits.rollout;

import io.digits.model.ActivateRequest;
import io.digits.model.ModelService;
import io.digits.model.ModelView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/models")
@Tag(name = "Routing", description = "The primary (active) model, a canary and a shadow, and how they compare")
class RoutingController {

	private final RoutingService routing;

	private final ModelService models;

	RoutingController(RoutingService routing, ModelService models) {
		this.routing = routing;
		this.models = models;
	}

	@PutMapping("/active")
	@Operation(summary = "Make a stored model the active one: the primary, with no canary and no shadow")
	ModelView activate(@Valid @RequestBody ActivateRequest request) {
		return ModelView.of(routing.activateAlone(request.modelId()), models);
	}

	@GetMapping("/routing")
	@Operation(summary = "The primary (the active model), the canary and the shadow, with their shares")
	RoutingView get() {
		return routing.current();
	}

	@PutMapping("/routing")
	@Operation(summary = "Set the whole routing: primary, canary {modelId, percent, stickyBy}, shadow {modelId, percent}",
			description = "Parts left out are removed (no primary: the active model stays). The canary answers its "
					+ "percent of the requests (the same model for the same value of the stickyBy header); the shadow "
					+ "sees a copy of its percent after the answer is sent, and its answers are only compared.")
	RoutingView set(@RequestBody RoutingRequest request) {
		return routing.set(request);
	}

	@PostMapping("/routing/promote")
	@Operation(summary = "The canary becomes the primary (the active model) at once; the shadow stays")
	RoutingView promote() {
		return routing.promote();
	}

	@GetMapping("/routing/report")
	@Operation(summary = "Per model since the routing was set: requests, agreement with the primary, per-class "
			+ "disagreement, p50/p95 latency")
	RolloutReportView report() {
		return routing.report();
	}

}

package io.digits.sweep;

import java.net.URI;
import java.util.List;

import io.digits.sweep.plan.SweepRequest;
import io.digits.sweep.store.SweepRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Hyperparameter sweeps: trials are ordinary jobs, stopped early by ASHA or the median rule. */
@RestController
@RequestMapping("/api/sweeps")
@Tag(name = "Sweeps")
class SweepController {

	private final SweepService sweeps;

	private final SweepEventStreamer streamer;

	SweepController(SweepService sweeps, SweepEventStreamer streamer) {
		this.sweeps = sweeps;
		this.streamer = streamer;
	}

	@PostMapping
	@Operation(summary = "Start a sweep",
			description = "Plans every trial from the seed, checks each as a job submission would and the whole against "
					+ "digits.sweep.max-samples and max-duration, then starts its first trials. 202 with the sweep.")
	@ApiResponse(responseCode = "202", description = "The sweep, planned; Location names it")
	ResponseEntity<SweepView> create(@Valid @RequestBody SweepRequest request) {
		SweepRecord sweep = sweeps.create(request);
		return ResponseEntity.accepted().location(URI.create("/api/sweeps/" + sweep.id())).body(sweeps.view(sweep));
	}

	@GetMapping
	@Operation(summary = "Sweeps, newest first")
	List<SweepView> list(@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
			@Parameter(description = "Sweeps per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return sweeps.list(page, size).stream().map(sweeps::view).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "A sweep: its trials (parameters, state, epochs, objective, why each stopped) and the best")
	SweepView get(@PathVariable String id) {
		return sweeps.view(sweeps.get(id));
	}

	@GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "The sweep's events (Server-Sent Events)",
			description = "trial (a trial started, paused, stopped or finished: the trial), best (a new best trial), "
					+ "state (the sweep's), and done with the whole sweep once it ended, after which the stream ends.")
	SseEmitter events(@PathVariable String id, HttpServletRequest request) {
		return streamer.stream(sweeps.get(id).id(), request.getRemoteAddr());
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a sweep and its queued, running and waiting trials")
	SweepView cancel(@PathVariable String id) {
		return sweeps.view(sweeps.cancel(id));
	}

}

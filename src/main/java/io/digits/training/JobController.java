package io.digits.training;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/jobs")
@Validated
@Tag(name = "Training jobs", description = "Train an MLP on MNIST asynchronously")
class JobController {

	private final JobService jobs;

	JobController(JobService jobs) {
		this.jobs = jobs;
	}

	@PostMapping
	@Operation(summary = "Queue a training job",
			description = "Answers 202 with the job and its Location; 429 with Retry-After when the queue is full.")
	@ApiResponse(responseCode = "202", description = "The job, queued (or already running); Location names it")
	ResponseEntity<JobView> submit(@Valid @RequestBody(required = false) JobRequest request) {
		TrainingJob job = jobs.submit(request == null ? JobRequest.defaults() : request);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(job.view());
	}

	@GetMapping
	@Operation(summary = "Jobs, newest first")
	List<JobView> list(@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
			@Parameter(description = "Jobs per page") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return jobs.list(page, size).stream().map(TrainingJob::view).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "A job's state, hyperparameters, progress and epochs")
	JobView get(@PathVariable String id) {
		return jobs.get(id).view();
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a queued or running job (a running job stops at its next iteration)")
	JobView cancel(@PathVariable String id) {
		return jobs.cancel(id).view();
	}

}

package io.digits.training;

import java.net.URI;
import java.util.List;

import io.digits.shared.InvalidFieldException;
import io.digits.training.job.TrainingJob;
import io.digits.training.status.Finding;
import io.digits.training.status.JobView;
import io.digits.training.status.LossPoint;
import io.digits.training.store.JobFilter;
import io.digits.training.store.LossCsv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/jobs")
@Tag(name = "Training jobs", description = "Train an MLP on MNIST asynchronously")
class JobController {

	private final JobService jobs;

	private final JobEventStreamer streamer;

	JobController(JobService jobs, JobEventStreamer streamer) {
		this.jobs = jobs;
		this.streamer = streamer;
	}

	@PostMapping
	@Operation(summary = "Queue a training job",
			description = "Answers 202 with the job and its Location; 429 with Retry-After when the queue is full.")
	@ApiResponse(responseCode = "202", description = "The job, queued (or already running); Location names it")
	ResponseEntity<JobView> submit(@Valid @RequestBody JobRequest request) {
		// a body is required: {} asks for every default, an empty body or null is refused as a likely client slip
		TrainingJob job = jobs.submit(request);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(job.view());
	}

	@GetMapping
	@Operation(summary = "Jobs, newest first or by accuracy, optionally filtered by state, sweep and dataset")
	List<JobView> list(@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
			@Parameter(description = "Jobs per page") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
			@Parameter(description = "Only the jobs in this state: QUEUED, RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELLED "
					+ "or STOPPED_EARLY") @RequestParam(required = false) String state,
			@Parameter(description = "Only the trials of this sweep (its id)") @RequestParam(required = false) String sweep,
			@Parameter(description = "Only the jobs trained on this dataset: mnist or fashion-mnist")
			@RequestParam(required = false) String dataset,
			@Parameter(description = "date (newest first) or accuracy (the last epoch's test accuracy, highest first; "
					+ "jobs without an epoch last)", schema = @Schema(defaultValue = "date", allowableValues = { "date",
							"accuracy" })) @RequestParam(required = false) String sort) {
		JobFilter filter = JobQueryParameters.filter(state, sweep, dataset, sort);
		return jobs.list(filter, page, size).stream().map(TrainingJob::view).toList();
	}

	@GetMapping(value = "/compare", produces = { MediaType.APPLICATION_JSON_VALUE, LossCsv.MEDIA_TYPE })
	@Operation(summary = "Jobs side by side: their hyperparameters, best and last epochs, and epochs aligned by number",
			description = "2 to 10 job ids, comma separated, in the order they are shown. As JSON, or the epochs alone "
					+ "as CSV (epoch, then <id>.trainLoss,<id>.testLoss,<id>.testAccuracy for each job) with "
					+ "Accept: text/csv. 404 naming an unknown job; 400 for fewer than 2 ids, more than 10, or a list "
					+ "that is not job ids.")
	JobComparison compare(@Parameter(description = "The jobs' ids, comma separated: job-...,job-...")
	@RequestParam(required = false) String ids) {
		return jobs.compare(JobQueryParameters.comparedIds(ids));
	}

	@GetMapping("/{id}")
	@Operation(summary = "A job's state, hyperparameters, progress and epochs")
	JobView get(@PathVariable String id) {
		return jobs.get(id).view();
	}

	@GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "The job's live event stream (Server-Sent Events)",
			description = "Events: state, iteration ({iteration, epoch, loss, samplesPerSecond, iterations}, at most "
					+ "20 per second, each with the mean loss of the iterations it covers), epoch (the epoch summary) "
					+ "and a last done event with the final job, after which the stream ends. Each event has an "
					+ "increasing id: reconnect with Last-Event-ID to get every event missed. A finished job's "
					+ "stream replays its history and ends. A stream lasts at most digits.training.stream.max-lifetime "
					+ "(EventSource reconnects by itself); one client may hold at most "
					+ "digits.training.stream.max-per-client streams (429 with Retry-After), all clients together "
					+ "digits.training.stream.max-subscribers (503).")
	ResponseEntity<SseEmitter> events(@PathVariable String id,
			@Parameter(description = "The id of the last event received; the stream resumes after it")
			@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
		TrainingJob job = jobs.get(id);
		long after = parseEventId(lastEventId);
		if (job.state().isFinal() && after >= job.events().lastId()) {
			// a finished job with nothing left to send: 204 tells EventSource to stop reconnecting
			return ResponseEntity.noContent().build();
		}
		// by remote address: behind a proxy, set server.forward-headers-strategy so it is the client's, not the proxy's
		return ResponseEntity.ok(streamer.stream(job, after, request.getRemoteAddr()));
	}

	@GetMapping(value = "/{id}/loss", produces = { MediaType.APPLICATION_JSON_VALUE, LossCsv.MEDIA_TYPE })
	@Operation(summary = "The job's recorded loss curve",
			description = "Every iteration up to a bound, then an evenly thinned curve. As JSON, or as CSV "
					+ "(iteration,epoch,loss,timestamp) with Accept: text/csv.")
	List<LossPoint> loss(@PathVariable String id,
			@Parameter(description = "First iteration to include") @RequestParam(defaultValue = "1") @Min(1) long from,
			@Parameter(description = "Most points to answer") @RequestParam(defaultValue = "100000") @Min(1) @Max(1_000_000) int limit) {
		return jobs.get(id).progress().lossHistory().points(from, limit);
	}

	private static long parseEventId(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return 0;
		}
		try {
			return Long.parseLong(lastEventId.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidFieldException("Last-Event-ID", "Last-Event-ID must be the id of an event (a number), was '%s'"
				.formatted(lastEventId));
		}
	}

	@GetMapping("/{id}/diagnosis")
	@Operation(summary = "Why the job trains well or badly: findings with the job's numbers and what to change",
			description = "Works while the job runs (findings also arrive as diagnosis events on its stream) and "
					+ "after it ends. An empty list means nothing looks wrong.")
	List<Finding> diagnosis(@PathVariable String id) {
		return jobs.diagnose(id);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a queued or running job (a running job stops at its next iteration)")
	JobView cancel(@PathVariable String id) {
		return jobs.cancel(id).view();
	}

}

package io.digits.sweep;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.digits.shared.Ids;
import io.digits.shared.InvalidFieldException;
import io.digits.shared.StoreUnwritableException;
import io.digits.sweep.plan.SweepProperties;
import io.digits.sweep.plan.SweepRequest;
import io.digits.sweep.plan.SweepSpec;
import io.digits.sweep.plan.TrialPlanner;
import io.digits.sweep.run.Asha;
import io.digits.sweep.run.SweepCoordinator;
import io.digits.sweep.run.SweepTrials;
import io.digits.sweep.store.PlannedTrial;
import io.digits.sweep.store.SweepRecord;
import io.digits.sweep.store.SweepState;
import io.digits.sweep.store.SweepStore;
import io.digits.training.JobRequest;
import io.digits.training.JobService;
import io.digits.training.job.TrainingJob;
import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.JobDuration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * What the sweep feature offers its controller: make a sweep (every trial planned and checked as a job would be, the
 * whole bounded), find, list and cancel sweeps, and show them with their trials.
 */
@Service
public class SweepService {

	private static final Logger log = LoggerFactory.getLogger(SweepService.class);

	private final SweepStore store;

	private final JobService jobs;

	private final SweepCoordinator coordinator;

	private final SweepProperties properties;

	private final Validator validator;

	private final JsonMapper json;

	private final Clock clock;

	SweepService(SweepStore store, JobService jobs, SweepCoordinator coordinator, SweepProperties properties,
			Validator validator, JsonMapper json, Clock clock) {
		this.store = store;
		this.jobs = jobs;
		this.coordinator = coordinator;
		this.properties = properties;
		this.validator = validator;
		this.json = json;
		this.clock = clock;
	}

	/** Plans, checks, stores and starts the sweep; nothing is kept of one refused. */
	public SweepRecord create(SweepRequest request) {
		SweepSpec spec = SweepSpec.resolve(request);
		if (spec.maxTrials() > properties.maxTrials()) {
			throw new InvalidFieldException("maxTrials", "maxTrials %d is above the limit of %d trials a sweep"
				.formatted(spec.maxTrials(), properties.maxTrials()));
		}
		List<Map<String, Object>> plan = TrialPlanner.plan(spec);
		List<PlannedTrial> trials = new ArrayList<>(plan.size());
		long samples = 0;
		int epochs = 0;
		Duration duration = Duration.ZERO;
		Hyperparameters first = null;
		for (int i = 0; i < plan.size(); i++) {
			Hyperparameters h = check(spec, plan.get(i), i);
			first = first == null ? h : first;
			int images = jobs.trainingImagesAtMost(h);
			samples += (long) h.epochs() * images;
			epochs += h.epochs();
			duration = duration.plus(JobDuration.of(h, images).total());
			trials.add(new PlannedTrial(i, plan.get(i), null));
		}
		if (samples > properties.maxSamples()) {
			throw new InvalidFieldException("maxTrials", "the %d trials would train on %,d samples in all (epochs x images); "
				.formatted(trials.size(), samples) + "the limit is %,d: plan fewer trials, epochs or images"
					.formatted(properties.maxSamples()));
		}
		if (duration.compareTo(properties.maxDuration()) > 0) {
			throw new InvalidFieldException("maxTrials", "the %d trials would train for an estimated %s in all; the limit is %s"
				.formatted(trials.size(), JobDuration.describe(duration), JobDuration.describe(properties.maxDuration())));
		}
		SweepRecord sweep = new SweepRecord(Ids.newId(SweepRecord.ID_PREFIX), spec, trials, epochs,
				Asha.rungs(spec, first.epochs()), SweepState.QUEUED, clock.instant(), null, null, null, null);
		try {
			store.create(sweep);
		}
		catch (IOException ex) {
			throw new StoreUnwritableException("The sweep was not stored", ex);
		}
		log.info("Sweep {}: {} {} trials over {}", sweep.id(), trials.size(), spec.method(), spec.parameters().keySet());
		coordinator.reconcile(sweep.id());
		return get(sweep.id());
	}

	/** The trial's job as a submission would resolve it: fields, budget and stopping rules checked. */
	private Hyperparameters check(SweepSpec spec, Map<String, Object> parameters, int index) {
		JobRequest trial = TrialPlanner.trialRequest(json, spec.base(), parameters);
		Set<ConstraintViolation<JobRequest>> violations = validator.validate(trial);
		if (!violations.isEmpty()) {
			ConstraintViolation<JobRequest> first = violations.iterator().next();
			String field = first.getPropertyPath().toString().replaceFirst("[.\\[].*", "");
			throw new InvalidFieldException(fieldOf(field, parameters), "trial %d (%s): %s %s".formatted(index,
					parameters, first.getPropertyPath(), first.getMessage()));
		}
		try {
			return jobs.check(trial);
		}
		catch (InvalidFieldException ex) {
			throw new InvalidFieldException(fieldOf(ex.field(), parameters),
					"trial %d (%s): %s".formatted(index, parameters, ex.getMessage()));
		}
	}

	private static String fieldOf(String field, Map<String, Object> parameters) {
		return parameters.containsKey(field) ? "parameters." + field : "base." + field;
	}

	public SweepRecord get(String id) {
		if (!Ids.isWellFormed(SweepRecord.ID_PREFIX, id)) {
			throw new SweepNotFoundException(id);
		}
		return store.read(id).orElseThrow(() -> new SweepNotFoundException(id));
	}

	public List<SweepRecord> list(int page, int size) {
		return store.newestFirst(page, size);
	}

	/** Ends the sweep: its trials queued, running or waiting are cancelled. */
	public SweepRecord cancel(String id) {
		get(id);
		store.locked(id, () -> {
			SweepRecord sweep = get(id);
			if (sweep.state().isFinal()) {
				return null;
			}
			store.save(sweep.ended(SweepState.CANCELLED, clock.instant(), null, null, "cancelled"));
			for (TrainingJob trial : SweepTrials.jobs(jobs, sweep)) {
				if (!trial.state().isFinal()) {
					jobs.cancel(trial.id());
				}
			}
			log.info("Sweep {} cancelled", id);
			return null;
		});
		return get(id);
	}

	public SweepView view(SweepRecord sweep) {
		return SweepViews.of(sweep, SweepTrials.jobs(jobs, sweep));
	}

}

package io.digits.training.diagnosis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.status.Finding;

/**
 * Answers "why is my network performing poorly?" from a job's own numbers. Each rule's threshold is written here with
 * the reason for it. Rules on the set-up ({@link SetupRules}) run when the job is submitted; rules on the loss curve
 * and the epochs ({@link TrainingRules}) run after every epoch and when asked. A new rule goes in one of the two, with
 * its threshold here and a test in {@code DiagnosisTests}.
 */
public final class Diagnosis {

	/**
	 * The findings training itself can show (the others come from the set-up, known before the first batch): what
	 * {@code stopOnDiagnosis} may name.
	 */
	public static final List<String> TRAINING_CODES = List.of("diverged", "stuck-at-chance", "learning-rate-too-high",
			"learning-rate-too-low", "overfitting", "dead-units");

	/** ln 10: the cross-entropy of a network that gives each of the ten digits the same probability. */
	static final double CHANCE_LOSS = Math.log(10);

	/**
	 * Fewer parameter updates than this cannot train the seed network: it needs several hundred minibatch updates,
	 * and thousands of full-batch ones, to pass 90% (docs/performance.md has the measured counts). Below 100 it is
	 * hopeless.
	 */
	static final long FEW_UPDATES = 1000, HOPELESSLY_FEW_UPDATES = 100;

	/** Curves shorter than this say too little about learning to judge it. */
	static final long ENOUGH_UPDATES_TO_JUDGE = 200;

	/**
	 * A mean loss still above 2.0 after enough updates means the right digit gets about e^-2 = 0.14 of the
	 * probability, hardly more than chance (0.10): the network is not learning.
	 */
	static final double STUCK_LOSS = 2.0;

	/** A loss that ends 10% above where it started has diverged. */
	static final double DIVERGENCE_RATIO = 1.1;

	/**
	 * A loss that jumps to three times where it started has blown up: a fresh network starts near ln 10 = 2.3, and no
	 * healthy run goes above 6.9 on average. Adam at a learning rate of 10 goes from 2.4 to 21 in one update (then
	 * settles at 2.5, its ReLUs dead): measured on MNIST, docs/api.md. Judged on the mean of a window of at least
	 * {@link #BLOW_UP_WINDOW_SAMPLES} samples (and 5 updates), so a few confidently wrong single samples are not a
	 * blow-up.
	 */
	static final double BLOW_UP_RATIO = 3.0;

	static final int BLOW_UP_WINDOW_SAMPLES = 256, BLOW_UP_WINDOW_MIN_UPDATES = 5;

	/**
	 * Minibatch losses (32 samples or more) whose spread is over half their mean at the end of a job bounce between
	 * good and bad steps: the rate is too high to settle. Per-sample losses are always this noisy, so smaller batches
	 * are not judged.
	 */
	static final double OSCILLATION_RATIO = 0.5;

	static final int OSCILLATION_MIN_BATCH = 32;

	/**
	 * Below a mean loss of 0.1 (about 90% on the right digit) the spread is a few hard samples per batch, not a rate
	 * problem: a converged job's batch losses bounce by orders of magnitude while it is fine.
	 */
	static final double OSCILLATION_MIN_LOSS = 0.1;

	/** After 500 updates a healthy job has cut its loss by far more than a quarter. */
	static final long SLOW_JUDGED_AFTER = 500;

	static final double SLOW_IMPROVEMENT = 0.25;

	/** Overfitting: the test loss ends 20% above its best while test accuracy ends half a point below its best. */
	static final double OVERFIT_LOSS_RISE = 1.2, OVERFIT_ACCURACY_DROP = 0.005;

	/** A hidden layer with more than half its ReLU units silent on a sample of 500 test digits is mostly dead. */
	static final double DEAD_FRACTION = 0.5;

	/**
	 * A job estimated to train longer than this holds the training slot (one by default) for that long, while the
	 * presets reach 96.8-98.5% within 4 minutes (docs/performance.md): worth a word before it starts. The hard bound
	 * is {@code digits.training.max-job-duration}, 2 h by default.
	 */
	static final Duration LONG_JOB = Duration.ofMinutes(30);

	/** Fewer training samples than this cannot show every way each digit is written (MNIST has about 6000 each). */
	static final int SMALL_TRAINING_SET = 1000;

	/** A digit with less than half its fair share of the samples is rare. */
	static final double RARE_SHARE = 0.5;

	private Diagnosis() {
	}

	/** What the set-up alone shows, before any training. */
	public static List<Finding> ofSetup(Hyperparameters h, int[] classCounts) {
		return SetupRules.check(h, classCounts);
	}

	/** What training has shown so far: the set-up findings, then those on the curve and the epochs. */
	public static List<Finding> of(TrainingEvidence evidence) {
		return TrainingRules.check(evidence);
	}

	/** A finding's evidence: name, value, name, value... in the order given. */
	static Map<String, Object> evidence(Object... pairs) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			evidence.put((String) pairs[i], pairs[i + 1]);
		}
		return evidence;
	}

}

package io.digits.training.loop;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.settings.StoppingRules;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import io.digits.training.status.StopReason;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What the {@link Trainer} reports to and asks of the run it trains. The loop knows nothing of jobs, stores, metrics
 * or HTTP: the job side implements this. Calls come from the training thread, in this order: {@link #resumeFrom},
 * {@link #rewindTo}, then per epoch {@link #epochStarted}, {@link #iterationDone} per batch (with
 * {@link #cancelRequested} and {@link #stopRequested} asked before each, {@link #stopNow} every few), {@link #epochDone},
 * {@link #afterEpoch}, and {@link #checkpoint} when one is due.
 */
public interface TrainingRun {

	Hyperparameters hyperparameters();

	/**
	 * The images each epoch trains on: the first of the training set given to {@link Trainer#train}, which holds the
	 * dataset's first {@code trainLimit} and any extra images after them.
	 */
	int trainingImages();

	/** The rules the loop judges the run by after each epoch (early stopping, a target, a time limit). */
	StoppingRules stopping();

	/** The epochs recorded so far (after {@link #rewindTo}, those before the checkpoint). */
	List<EpochSummary> epochsDone();

	/** The engine the run trained with before, when it has started before: a resume keeps it. */
	Optional<Engine> engine();

	/** The engine this start trains with, and why (said once per start, before the first batch). */
	void engineChosen(Engine engine, String reason);

	/** The network and position to go on from, when the run was checkpointed and the checkpoint is usable. */
	Optional<Resumable> resumeFrom();

	/** Whatever was recorded after the checkpoint is trained again: forget it. */
	void rewindTo(Checkpoint checkpoint);

	void epochStarted(int epoch);

	/** One parameter update, with its data loss (finite) and the time it took. */
	void iterationDone(double loss, int batchSize, long nanos);

	void epochDone(EpochSummary summary);

	/**
	 * Asked between batches a few times a second: a reason to stop now, without a model, from what only the job
	 * judges (its diagnosis); empty to go on.
	 */
	Optional<StopReason> stopNow(int epoch);

	/** After an epoch short of the last, once the loop's own rules let it go on: what the job decides (a sweep's rung, the diagnosis). */
	EpochVerdict afterEpoch(EpochSummary summary);

	boolean cancelRequested();

	/** The service is stopping: checkpoint and return, to go on at the next start. */
	boolean stopRequested();

	/** Parameter updates done so far. */
	long iteration();

	void checkpoint(MultiLayerNetwork network, Checkpoint checkpoint) throws IOException;

	/** A checkpointed network and where it stands. */
	record Resumable(Checkpoint checkpoint, MultiLayerNetwork network) {
	}

}

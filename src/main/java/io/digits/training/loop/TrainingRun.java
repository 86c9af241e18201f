package io.digits.training.loop;

import java.io.IOException;
import java.util.Optional;

import io.digits.training.settings.Hyperparameters;
import io.digits.training.status.Engine;
import io.digits.training.status.EpochSummary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What the {@link Trainer} reports to and asks of the run it trains. The loop knows nothing of jobs, stores, metrics
 * or HTTP: the job side implements this. Calls come from the training thread, in this order: {@link #resumeFrom},
 * {@link #rewindTo}, then per epoch {@link #epochStarted}, {@link #iterationDone} per batch (with
 * {@link #cancelRequested} and {@link #stopRequested} asked before each), {@link #epochDone}, and
 * {@link #checkpoint} when one is due.
 */
public interface TrainingRun {

	Hyperparameters hyperparameters();

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

package io.digits.training.events;

import java.time.Instant;
import java.util.List;

import io.digits.training.status.EpochSummary;
import io.digits.training.status.Finding;
import io.digits.training.status.JobState;
import io.digits.training.status.JobView;

/**
 * One event of a job's stream; {@link #type()} names it on the wire and {@link #data()} is its JSON body. The types are
 * closed: a client can rely on these five.
 */
public sealed interface JobEvent {

	/** The event's name on the stream: state, iteration, epoch, diagnosis or done. */
	String type();

	/** What the event's {@code data:} line carries. */
	default Object data() {
		return this;
	}

	/** Only a {@code done} event ends a stream (not a getter: the name keeps it out of the JSON). */
	default boolean endsStream() {
		return false;
	}

	/** The job changed state; {@code error} says why a job failed. */
	record State(JobState state, Instant at, String error) implements JobEvent {

		@Override
		public String type() {
			return "state";
		}

	}

	/**
	 * Training progressed.
	 *
	 * @param iteration the last iteration covered, from 1
	 * @param loss the mean loss of the iterations covered
	 * @param iterations how many iterations the event covers (the stream sends at most a few events per second)
	 */
	record Iteration(long iteration, int epoch, double loss, Double samplesPerSecond, int iterations)
			implements JobEvent {

		@Override
		public String type() {
			return "iteration";
		}

	}

	/** An epoch ended; the body is its summary. */
	record Epoch(EpochSummary summary) implements JobEvent {

		@Override
		public String type() {
			return "epoch";
		}

		@Override
		public Object data() {
			return summary;
		}

	}

	/** The diagnosis changed; the body is the whole list of findings. */
	record Diagnosis(List<Finding> findings) implements JobEvent {

		@Override
		public String type() {
			return "diagnosis";
		}

		@Override
		public Object data() {
			return findings;
		}

	}

	/** The job ended; the body is the final job. The last event of a stream. */
	record Done(JobView job) implements JobEvent {

		@Override
		public String type() {
			return "done";
		}

		@Override
		public Object data() {
			return job;
		}

		@Override
		public boolean endsStream() {
			return true;
		}

	}

	/**
	 * An event read back from the journal, as it was sent: one of the five types above, its body already JSON. What a
	 * job restored after a restart streams of its past, with the ids it had.
	 */
	record Journaled(String type, String json) implements JobEvent {

		@Override
		public Object data() {
			return json;
		}

		@Override
		public boolean endsStream() {
			return "done".equals(type);
		}

	}

}

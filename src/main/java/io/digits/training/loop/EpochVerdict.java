package io.digits.training.loop;

import io.digits.training.status.StopReason;

/**
 * What a run decides once an epoch is recorded: go on, pause (a sweep's trial waiting, checkpointed, for its rung to
 * let it go on), or stop, keeping the model or not.
 */
public record EpochVerdict(Kind kind, StopReason reason) {

	public enum Kind {

		GO_ON, PAUSE,

		/** Stopped by a rule that judged the run good enough, or out of time: the model is kept. */
		STOP_KEEPING_MODEL,

		/** Stopped by a rule that judged the run not worth finishing: no model. */
		STOP_WITHOUT_MODEL

	}

	public static final EpochVerdict GO_ON = new EpochVerdict(Kind.GO_ON, null);

	public static EpochVerdict pause(StopReason reason) {
		return new EpochVerdict(Kind.PAUSE, reason);
	}

	public static EpochVerdict stopWithoutModel(StopReason reason) {
		return new EpochVerdict(Kind.STOP_WITHOUT_MODEL, reason);
	}

	public static EpochVerdict stopKeepingModel(StopReason reason) {
		return new EpochVerdict(Kind.STOP_KEEPING_MODEL, reason);
	}

}

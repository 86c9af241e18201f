package io.digits.inference;

/** More prediction requests are waiting than the queue holds, or one waited too long. */
public class OverloadedException extends RuntimeException {

	OverloadedException() {
		super("Too many predictions are waiting; try again shortly.");
	}

}

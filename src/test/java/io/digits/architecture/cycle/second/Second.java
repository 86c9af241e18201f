package io.digits.architecture.cycle.second;

import io.digits.architecture.cycle.first.First;

/** The other half of the planted cycle. */
public class Second {

	First other;

}

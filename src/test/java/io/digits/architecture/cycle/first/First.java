package io.digits.architecture.cycle.first;

import io.digits.architecture.cycle.second.Second;

/** One half of a planted cycle: the package rules must report it. */
public class First {

	Second other;

}

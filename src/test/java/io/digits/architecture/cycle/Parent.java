package io.digits.architecture.cycle;

import io.digits.architecture.cycle.first.First;

/** A parent package using its sub-package, which must not use it back. */
public class Parent {

	First child;

}

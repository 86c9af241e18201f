package io.digits.architecture.cycle.first;

import io.digits.architecture.cycle.Parent;

/** A sub-package reaching back to its parent: a cycle too. */
public class UsesParent {

	Parent parent;

}

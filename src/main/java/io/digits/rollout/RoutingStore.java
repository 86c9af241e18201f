package io.digits.rollout;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the routing outlives the process, next to the active-model pointer: a file in the embedded mode, a row in
 * the shared one (every replica routes alike).
 */
interface RoutingStore {

	Optional<Routing> read();

	/** Whole or not at all. */
	void write(Routing routing) throws IOException;

}

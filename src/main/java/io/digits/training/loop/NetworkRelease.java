package io.digits.training.loop;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives a trained network's native memory back, at once, on the thread that trained it. */
public final class NetworkRelease {

	private static final Logger log = LoggerFactory.getLogger(NetworkRelease.class);

	private NetworkRelease() {
	}

	/**
	 * Frees a network's native memory on the calling thread, which must be the one that trained it: DL4J's
	 * {@code close()} closes the parameters, gradients and updater state and destroys this thread's workspaces (where
	 * the activations of a batch live), then hints a collection so JavaCPP's deallocators run. Without it a failed
	 * large job left the process over JavaCPP's physical limit, and every prediction failed until a restart.
	 */
	public static void release(MultiLayerNetwork network) {
		try {
			if (network != null) {
				network.close();
			}
			Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
		}
		catch (RuntimeException ex) {
			log.warn("Could not free a network's native memory: {}", ex.toString());
		}
	}

	/**
	 * Frees a finished network's parameters, gradients and optimizer state at once (about 1.8 MB for the seed
	 * network with Adam), and nothing more: not the thread's workspaces, which the next job reuses, and no
	 * collection. Left to the GC, they climbed by about 2.3 MB a job in a soak; DL4J's whole {@code close()}, which
	 * also destroys the workspaces and calls System.gc(), crashed ND4J natively (docs/performance.md, Soak). The
	 * network must not be used afterwards: its model has been written out, and serving reads that copy.
	 */
	public static void releaseArrays(MultiLayerNetwork network) {
		if (network == null) {
			return;
		}
		try {
			closeIfOwned(network.params());
			closeIfOwned(network.getFlattenedGradients());
			if (network.getUpdater(false) != null) {
				closeIfOwned(network.getUpdater(false).getStateViewArray());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not free a network's arrays: {}", ex.toString());
		}
	}

	private static void closeIfOwned(INDArray array) {
		if (array != null && array.closeable()) {
			array.close();
		}
	}

}

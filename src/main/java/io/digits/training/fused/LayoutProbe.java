package io.digits.training.fused;

import java.nio.FloatBuffer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Proves, before the first step, that the raw memory the fused step writes is where DL4J reads each parameter and
 * each updater state value: a marker written through the borrowed memory at the flat position the layout predicts must
 * be read back by ND4J through the layer's own view (W's corners and its neighbours of (0, 0) tell 'f' order from 'c';
 * b's ends), and through the state array. Every value is put back as it was. This checks the pointer arithmetic and
 * DL4J's layout together, on the live arrays, not on assumptions.
 */
final class LayoutProbe {

	private static final float MARKER = -31337.25f;

	private LayoutProbe() {
	}

	static void check(MultiLayerNetwork network, DenseLayout layout, FloatArea params, INDArray state,
			FloatArea stateArea) {
		FloatBuffer raw = params.buffer();
		for (int l = 0; l < layout.layers(); l++) {
			int nIn = layout.widths[l], nOut = layout.widths[l + 1];
			INDArray w = network.getLayer(l).getParam("W");
			INDArray b = network.getLayer(l).getParam("b");
			int[][] cells = { { 0, 0 }, { Math.min(1, nIn - 1), 0 }, { 0, Math.min(1, nOut - 1) }, { nIn - 1, 0 },
					{ 0, nOut - 1 }, { nIn - 1, nOut - 1 } };
			for (int[] cell : cells) {
				long flat = layout.weightOffsets[l] + cell[0] + (long) cell[1] * nIn;
				probe(raw, flat, () -> w.getFloat(cell[0], cell[1]),
						"layer %d's W(%d, %d) at %d".formatted(l, cell[0], cell[1], flat));
			}
			for (int j : new int[] { 0, nOut - 1 }) {
				long flat = layout.biasOffsets[l] + j;
				probe(raw, flat, () -> b.getFloat(j), "layer %d's b(%d) at %d".formatted(l, j, flat));
			}
		}
		if (stateArea != null) {
			FloatBuffer rawState = stateArea.buffer();
			long last = stateArea.length() - 1;
			for (long k : new long[] { 0, last / 2, last }) {
				probe(rawState, k, () -> state.getFloat(k), "updater state %d".formatted(k));
			}
		}
	}

	private interface Read {

		float value();

	}

	private static void probe(FloatBuffer raw, long flat, Read throughNd4j, String what) {
		int index = Math.toIntExact(flat);
		float original = raw.get(index);
		raw.put(index, MARKER);
		float seen;
		try {
			seen = throughNd4j.value();
		}
		finally {
			raw.put(index, original);
		}
		if (seen != MARKER) {
			throw new IllegalStateException("the fused step's layout is not DL4J's: " + what + " was not found there");
		}
	}

}

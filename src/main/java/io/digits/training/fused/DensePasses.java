package io.digits.training.fused;

import java.nio.FloatBuffer;

/**
 * The forward and backward passes of a dense network over one batch, with DL4J's arithmetic: each layer's product
 * {@code Z = X W} (then {@code + b} and the activation), softmax with cross-entropy at the top, whose gradient at
 * the pre-activation is {@code P - Y} (LossMCXENT with a softmax output), then per layer {@code dW = X^T D},
 * {@code db = sum of D's rows} and, below the top, {@code D' = (D W^T) * f'(Z)}. Gradients are sums over the batch,
 * as DL4J's gradient view holds them before its updater divides by the batch size. All matrices are row-major,
 * one row per sample; a layer's W, column-major [nIn, nOut] in DL4J's flat vector, is the row-major [nOut, nIn]
 * matrix W^T, which the products read in place. Eight products for two hidden layers; the first layer's input
 * gradient is never computed.
 * <p>
 * The products read and write native areas; the elementwise work between them is done on {@link Chunks} of whole
 * rows copied to Java arrays, because the JIT vectorises loops over arrays and not over direct buffers.
 */
final class DensePasses implements AutoCloseable {

	private final DenseLayout layout;

	private final int maxRows;

	private final FloatArea[] weights, weightGradients;

	private final float[][] biases;

	private final FloatBuffer gradient;

	/** Per hidden layer: its pre-activation Z, which becomes its delta D in the backward pass, and its output A. */
	private final FloatArea[] z, a;

	/** The top layer's pre-activation, then probabilities, then delta. */
	private final FloatArea top;

	/** The gradient at a hidden layer's output, {@code D W^T}, before the activation's derivative. */
	private final FloatArea epsilon;

	private final Chunks chunks;

	/** Scratch for one row of softmax, and the column sums of a bias gradient, made once. */
	private final float[] row;

	private final double[] sums;

	DensePasses(DenseLayout layout, FloatArea params, FloatArea gradients, int maxRows) {
		this.layout = layout;
		this.maxRows = maxRows;
		int layers = layout.layers();
		weights = new FloatArea[layers];
		weightGradients = new FloatArea[layers];
		biases = new float[layers][];
		z = new FloatArea[layers - 1];
		a = new FloatArea[layers - 1];
		int widest = 1;
		FloatArea madeTop = null, madeEpsilon = null;
		try {
			for (int l = 0; l < layers; l++) {
				weights[l] = params.slice(layout.weightOffsets[l], layout.weightCount(l));
				weightGradients[l] = gradients.slice(layout.weightOffsets[l], layout.weightCount(l));
				biases[l] = new float[layout.widths[l + 1]];
				if (l < layers - 1) {
					z[l] = FloatArea.allocate((long) maxRows * layout.widths[l + 1]);
					a[l] = FloatArea.allocate((long) maxRows * layout.widths[l + 1]);
					widest = Math.max(widest, layout.widths[l + 1]);
				}
			}
			madeTop = FloatArea.allocate((long) maxRows * layout.widths[layers]);
			madeEpsilon = FloatArea.allocate((long) maxRows * widest);
		}
		catch (RuntimeException | Error failure) {
			// what was allocated goes now, not when a collection finds it
			closeAll(z);
			closeAll(a);
			if (madeTop != null) {
				madeTop.close();
			}
			throw failure;
		}
		top = madeTop;
		epsilon = madeEpsilon;
		gradient = gradients.buffer();
		chunks = new Chunks(Math.max(widest, layout.widths[layers]));
		row = new float[layout.widths[layers]];
		sums = new double[Math.max(widest, layout.widths[layers])];
	}

	/**
	 * The forward pass of {@code rows} samples and the loss: returns the sum over the batch of
	 * {@code -sum(y * log(p))}, with p clipped as DL4J scores it, and leaves {@code P - Y} in {@link #top}.
	 */
	double forward(FloatArea x, FloatArea y, int rows, FloatBuffer params) {
		logits(x, rows, params);
		return softmaxCrossEntropy(y.buffer(), rows);
	}

	/**
	 * The forward pass alone, for evaluation: for each of {@code rows} samples, the most probable class (the first of
	 * equals, as ND4J's argmax) into {@code predicted} and the probability of class {@code actual[i]} into
	 * {@code actualProbability}, from index {@code offset} of all three arrays.
	 */
	void classify(FloatArea x, int rows, FloatBuffer params, byte[] actual, int offset, int[] predicted,
			float[] actualProbability) {
		logits(x, rows, params);
		FloatBuffer products = top.buffer();
		float[] bias = biases[layout.layers() - 1];
		int classes = bias.length;
		float[] out = chunks.first;
		for (Chunks.Span span : chunks.of(rows, classes)) {
			products.get(span.start(), out, 0, span.length());
			for (int base = 0, i = offset + span.start() / classes; base < span.length(); base += classes, i++) {
				float sum = softmax(out, base, bias);
				int best = 0;
				float bestProbability = row[0] / sum;
				for (int j = 1; j < classes; j++) {
					float probability = row[j] / sum;
					if (probability > bestProbability) {
						best = j;
						bestProbability = probability;
					}
				}
				predicted[i] = best;
				actualProbability[i] = row[actual[i]] / sum;
			}
		}
	}

	/** Each layer's product, and the hidden layers' bias and activation: the top's product is left in {@link #top}. */
	private void logits(FloatArea x, int rows, FloatBuffer params) {
		checkRows(rows);
		int layers = layout.layers();
		FloatArea input = x;
		for (int l = 0; l < layers; l++) {
			int nIn = layout.widths[l], nOut = layout.widths[l + 1];
			FloatArea out = l < layers - 1 ? z[l] : top;
			Sgemm.rowMajor(false, true, rows, nOut, nIn, 1f, input, nIn, weights[l], nIn, 0f, out, nOut);
			params.get((int) layout.biasOffsets[l], biases[l]);
			if (l < layers - 1) {
				activate(l, rows);
				input = a[l];
			}
		}
	}

	/**
	 * One row of the top's product from {@code base} of {@code out}, with the bias, as DL4J's softmax takes it: leaves
	 * {@code exp(x - max)} of each class in {@link #row} and returns their sum, the probabilities' divisor.
	 */
	private float softmax(float[] out, int base, float[] bias) {
		int classes = bias.length;
		float max = Float.NEGATIVE_INFINITY;
		for (int j = 0; j < classes; j++) {
			row[j] = out[base + j] + bias[j];
			max = Math.max(max, row[j]);
		}
		float sum = 0;
		for (int j = 0; j < classes; j++) {
			row[j] = (float) Math.exp(row[j] - max);
			sum += row[j];
		}
		return sum;
	}

	/** Z += b and A = f(Z) for hidden layer {@code l}, keeping Z (with the bias) for the backward pass. */
	private void activate(int l, int rows) {
		int width = layout.widths[l + 1];
		FloatBuffer zs = z[l].buffer(), as = a[l].buffer();
		for (Chunks.Span span : chunks.of(rows, width)) {
			zs.get(span.start(), chunks.first, 0, span.length());
			layout.activations[l].forward(chunks.first, biases[l], chunks.second, span.rows());
			zs.put(span.start(), chunks.first, 0, span.length());
			as.put(span.start(), chunks.second, 0, span.length());
		}
	}

	/** Softmax of each row (with the bias added), its cross-entropy, and {@code P - Y} over it. */
	private double softmaxCrossEntropy(FloatBuffer y, int rows) {
		FloatBuffer products = top.buffer();
		float[] bias = biases[layout.layers() - 1];
		int classes = bias.length;
		float[] row = this.row, out = chunks.first;
		float clip = (float) layout.softmaxClipEps, high = 1f - clip;
		double loss = 0;
		for (Chunks.Span span : chunks.of(rows, classes)) {
			products.get(span.start(), out, 0, span.length());
			for (int base = 0; base < span.length(); base += classes) {
				float sum = softmax(out, base, bias);
				for (int j = 0; j < classes; j++) {
					float p = row[j] / sum, label = y.get(span.start() + base + j);
					if (label != 0) {
						loss -= label * Math.log(Math.min(Math.max(p, clip), high));
					}
					out[base + j] = p - label;
				}
			}
			products.put(span.start(), out, 0, span.length());
		}
		return loss;
	}

	/** The backward pass after {@link #forward}: the summed gradient of every parameter, in the flat layout. */
	void backward(FloatArea x, int rows) {
		checkRows(rows);
		for (int l = layout.layers() - 1; l >= 0; l--) {
			int nIn = layout.widths[l], nOut = layout.widths[l + 1];
			FloatArea delta = l == layout.layers() - 1 ? top : z[l];
			FloatArea input = l == 0 ? x : a[l - 1];
			// dW^T (nOut x nIn, row-major) = D^T X: DL4J's column-major [nIn, nOut] gradient, in place
			Sgemm.rowMajor(true, false, nOut, nIn, rows, 1f, delta, nOut, input, nIn, 0f, weightGradients[l], nIn);
			biasGradient(delta.buffer(), rows, nOut, (int) layout.biasOffsets[l]);
			if (l > 0) {
				Sgemm.rowMajor(false, false, rows, nIn, nOut, 1f, delta, nOut, weights[l], nIn, 0f, epsilon, nIn);
				derivative(l - 1, rows);
			}
		}
	}

	/** D = epsilon * f'(Z) for hidden layer {@code l}, written over its Z. */
	private void derivative(int l, int rows) {
		int width = layout.widths[l + 1];
		FloatBuffer zs = z[l].buffer(), as = a[l].buffer(), es = epsilon.buffer();
		for (Chunks.Span span : chunks.of(rows, width)) {
			zs.get(span.start(), chunks.first, 0, span.length());
			as.get(span.start(), chunks.second, 0, span.length());
			es.get(span.start(), chunks.third, 0, span.length());
			layout.activations[l].backward(chunks.first, chunks.second, chunks.third, span.length());
			zs.put(span.start(), chunks.first, 0, span.length());
		}
	}

	/** Column sums of the delta, accumulated in double and rounded once. */
	private void biasGradient(FloatBuffer delta, int rows, int width, int offset) {
		double[] sums = this.sums;
		float[] values = chunks.first;
		java.util.Arrays.fill(sums, 0, width, 0);
		for (Chunks.Span span : chunks.of(rows, width)) {
			delta.get(span.start(), values, 0, span.length());
			for (int base = 0; base < span.length(); base += width) {
				for (int j = 0; j < width; j++) {
					sums[j] += values[base + j];
				}
			}
		}
		for (int j = 0; j < width; j++) {
			gradient.put(offset + j, (float) sums[j]);
		}
	}

	private void checkRows(int rows) {
		if (rows < 1 || rows > maxRows) {
			throw new IllegalArgumentException("a batch of %d rows (1 to %d)".formatted(rows, maxRows));
		}
	}

	@Override
	public void close() {
		closeAll(z);
		closeAll(a);
		top.close();
		epsilon.close();
	}

	private static void closeAll(FloatArea[] areas) {
		for (FloatArea area : areas) {
			if (area != null) {
				area.close();
			}
		}
	}

}

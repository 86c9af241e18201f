package io.digits.training.fused;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The one door to native code: {@code cblas_sgemm} of the OpenBLAS library ND4J itself loads (JavaCPP's preset, a
 * dependency of nd4j-native), with every operand's extent checked against its area before the call, so a wrong shape
 * fails here with an exception instead of reading or writing past an array in native code.
 */
final class Sgemm {

	private Sgemm() {
	}

	/**
	 * One thread for OpenBLAS, process-wide (the library has one setting). The step's products are small (a batch of
	 * 128 against 784x128 is 26 MFLOP): a second OpenBLAS thread sleeps between calls and barely helps (issue 15
	 * measured it), while it would take the core that predictions, the JIT and the GC share. It also matches what the
	 * service gives ND4J by default ({@code digits.training.native-threads}, 1). Whether the engine should use the
	 * second core, and how, is decided above this class, by splitting a batch, never by this setting.
	 */
	static void useOneThread() {
		org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
	}

	/**
	 * {@code C = alpha * op(A) * op(B) + beta * C} on row-major matrices: {@code op(A)} is m x k, {@code op(B)} k x n,
	 * {@code C} m x n; {@code lda}, {@code ldb}, {@code ldc} are the row strides of the matrices as stored.
	 */
	static void rowMajor(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, FloatArea a, int lda,
			FloatArea b, int ldb, float beta, FloatArea c, int ldc) {
		if (m < 1 || n < 1 || k < 1) {
			throw new IllegalArgumentException("a product of %dx%d by %dx%d".formatted(m, k, k, n));
		}
		// stored shapes: A is m x k (k x m transposed), B is k x n (n x k transposed)
		check("A", a, transposeA ? k : m, transposeA ? m : k, lda);
		check("B", b, transposeB ? n : k, transposeB ? k : n, ldb);
		check("C", c, m, n, ldc);
		openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
				transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
				transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, alpha, a.pointer(),
				lda, b.pointer(), ldb, beta, c.pointer(), ldc);
	}

	/** A stored matrix of {@code rows x columns} with row stride {@code ld} must lie inside its area. */
	private static void check(String name, FloatArea area, int rows, int columns, int ld) {
		if (ld < columns) {
			throw new IllegalArgumentException("%s: row stride %d under its %d columns".formatted(name, ld, columns));
		}
		long extent = (long) (rows - 1) * ld + columns;
		if (extent > area.length()) {
			throw new IllegalArgumentException("%s: %dx%d with row stride %d needs %d floats, its area holds %d"
				.formatted(name, rows, columns, ld, extent, area.length()));
		}
	}

}

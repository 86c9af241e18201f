package io.digits.training;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sets how many threads ND4J's native code (OpenMP and BLAS) uses, unless {@code OMP_NUM_THREADS} already does.
 * With one thread per op, training takes one core and leaves the other to predictions, the JIT and the GC; two
 * busy-waiting OpenMP threads made training about three times slower on a 2-core machine. Set from here, the limit
 * reaches ND4J's own loops but not OpenMP, which reads its environment when the native library loads: measured at
 * batch 32, an epoch took 7.9 s this way and 5.8 s with {@code OMP_NUM_THREADS=1}, hence the warning.
 */
@Component
class NativeThreads {

	private static final Logger log = LoggerFactory.getLogger(NativeThreads.class);

	NativeThreads(TrainingProperties properties) {
		if (System.getenv("OMP_NUM_THREADS") != null) {
			log.info("ND4J threads set by OMP_NUM_THREADS={}", System.getenv("OMP_NUM_THREADS"));
			return;
		}
		int threads = properties.nativeThreads();
		Nd4j.getEnvironment().setMaxThreads(threads);
		Nd4j.getEnvironment().setMaxMasterThreads(threads);
		Nd4j.factory().blas().setMaxThreads(threads);
		log.warn("OMP_NUM_THREADS is not set: ND4J limited to {} thread(s) (digits.training.native-threads), but OpenMP "
				+ "still spins its own; start the service with OMP_NUM_THREADS={} for about 30% faster training",
				threads, threads);
	}

}

package io.digits.training;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sets how many threads ND4J's native code (OpenMP and BLAS) uses, unless {@code OMP_NUM_THREADS} already does.
 * With one thread per op, training takes one core and leaves the other to predictions, the JIT and the GC; two
 * busy-waiting OpenMP threads made training about three times slower on a 2-core machine.
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
		log.info("ND4J native threads: {} (digits.training.native-threads)", threads);
	}

}

package io.digits.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import io.digits.training.settings.TrainingProperties;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sets from inside what a bare {@code java -jar} leaves out and can still be set, and says in one warning what cannot.
 * ND4J's own loops get {@code digits.training.native-threads} threads unless {@code OMP_NUM_THREADS} is set: one
 * thread per op leaves the other core to predictions, the JIT and the GC. OpenMP itself reads its environment when
 * the native library loads, and the heap and the GC pause goal are fixed when the JVM starts: those need the start
 * command (docs/performance.md has the figures).
 */
@Component
class LaunchSettings {

	private static final Logger log = LoggerFactory.getLogger(LaunchSettings.class);

	static final String HOW_TO_START = "OMP_NUM_THREADS=1 java @jvm.options -jar target/digits.jar";

	LaunchSettings(TrainingProperties properties) {
		List<String> missing = new ArrayList<>();
		if (System.getenv("OMP_NUM_THREADS") == null) {
			int threads = properties.nativeThreads();
			Nd4j.getEnvironment().setMaxThreads(threads);
			Nd4j.getEnvironment().setMaxMasterThreads(threads);
			Nd4j.factory().blas().setMaxThreads(threads);
			missing.add("OMP_NUM_THREADS (OpenMP spins extra threads: training is slower; ND4J's own loops were "
					+ "limited to " + threads + ")");
		}
		else {
			log.info("ND4J threads set by OMP_NUM_THREADS={}", System.getenv("OMP_NUM_THREADS"));
		}
		List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
		if (jvmOptions.stream().noneMatch(option -> option.startsWith("-XX:MaxGCPauseMillis"))) {
			missing.add("a GC pause goal (prediction latency has a longer tail)");
		}
		if (jvmOptions.stream().noneMatch(option -> option.startsWith("-Xmx"))) {
			missing.add("a heap bound (the JVM takes a quarter of the machine)");
		}
		if (!missing.isEmpty()) {
			log.warn("Started without {}. Start the service with: {}", String.join(", ", missing), HOW_TO_START);
		}
	}

}

package io.digits.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bytedeco.javacpp.Pointer;

import org.springframework.stereotype.Component;

/**
 * Off-heap memory beside JavaCPP's limits. ND4J's CPU buffers are allocated natively without JavaCPP's accounting, so
 * the process's resident size ({@code physical}) minus the JVM's memory is where a DL4J leak shows; the JVM's own
 * heap and non-heap are Micrometer's standard meters.
 */
@Component
class NativeMemoryMetrics implements MeterBinder {

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("digits.native.memory.used", Pointer::totalBytes)
			.description("Off-heap bytes JavaCPP accounts for (ND4J's CPU arrays are not among them)")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("digits.native.memory.max", Pointer::maxBytes)
			.description("Limit of off-heap bytes (org.bytedeco.javacpp.maxbytes)")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("digits.native.memory.physical", Pointer::physicalBytes)
			.description("Resident memory of the whole process, as JavaCPP measures it")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("digits.native.memory.offheap.estimate", NativeMemoryMetrics::offHeapEstimate)
			.description("Resident size minus the JVM's committed heap and non-heap: ND4J's arrays, native libraries, "
					+ "thread stacks")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("digits.native.memory.physical.max", Pointer::maxPhysicalBytes)
			.description("Limit of the process's resident memory (org.bytedeco.javacpp.maxphysicalbytes)")
			.baseUnit("bytes")
			.register(registry);
	}

	private static double offHeapEstimate() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		return Pointer.physicalBytes() - memory.getHeapMemoryUsage().getCommitted()
				- memory.getNonHeapMemoryUsage().getCommitted();
	}

}

package org.thunderproject.ec2.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** This JVM's (the client's) CPU time, its JIT compilers' share, and peak heap, measured per run. */
final class ClientResources {
    private final long cpuStart;
    private final long jitStartMillis;

    private ClientResources(long cpuStart, long jitStartMillis) {
        this.cpuStart = cpuStart;
        this.jitStartMillis = jitStartMillis;
    }

    /** Starts measuring: the heap pools' peaks are reset. */
    static ClientResources start() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return new ClientResources(cpuNanos(), jitMillis());
    }

    /** CPU seconds this process used since {@link #start()}. */
    double cpuSeconds() {
        return (cpuNanos() - cpuStart) / 1e9;
    }

    /**
     * Seconds the JIT compilers spent compiling since {@link #start()}, as the JVM counts it
     * (elapsed time, so on a busy machine more than their CPU time): code the JVM still compiles at
     * that size, not thunder-ec2's own work.
     */
    double jitSeconds() {
        return (jitMillis() - jitStartMillis) / 1e3;
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** The sum of the heap pools' peaks since {@link #start()}, in MiB (an upper bound of the peak heap). */
    static double peakHeapMib() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}

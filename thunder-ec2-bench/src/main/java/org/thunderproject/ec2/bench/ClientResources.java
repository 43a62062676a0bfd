package org.thunderproject.ec2.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** This JVM's (the client's) CPU time and peak heap, measured per run. */
final class ClientResources {
    private final long cpuStart;

    private ClientResources(long cpuStart) {
        this.cpuStart = cpuStart;
    }

    /** Starts measuring: the heap pools' peaks are reset. */
    static ClientResources start() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return new ClientResources(cpuNanos());
    }

    /** CPU seconds this process used since {@link #start()}. */
    double cpuSeconds() {
        return (cpuNanos() - cpuStart) / 1e9;
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

package org.thunderproject.ec2.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes named daemon threads, so an embedding JVM can always exit and thread dumps say whose they are. */
public final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    private DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory named(String prefix) {
        return new DaemonThreads(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}

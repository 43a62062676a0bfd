package org.thunderproject.ec2.ssh.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so a forgotten session never keeps the JVM alive and dumps are readable. */
public final class Threads {
    private Threads() {}

    /** A factory for daemon threads called {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts {@code r} on a new daemon thread called {@code name}. */
    public static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}

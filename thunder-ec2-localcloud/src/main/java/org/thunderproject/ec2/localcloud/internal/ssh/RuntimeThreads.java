package org.thunderproject.ec2.localcloud.internal.ssh;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The SSH runtime's daemon threads: a timer (boot delays, power requests, server timeouts), a
 * bounded lifecycle pool (boots and clean-ups), an I/O pool (session pumps) and the SSH servers'
 * shared I/O. Shut down together.
 */
final class RuntimeThreads implements AutoCloseable {

    private static final int LIFECYCLE_THREADS = 8;

    final ScheduledExecutorService timer;
    final ExecutorService lifecycle;
    final ExecutorService io;
    final SharedIo sharedIo;

    RuntimeThreads() {
        ScheduledThreadPoolExecutor scheduler =
                new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("thunder-localcloud-ssh-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        // Bounded: a hundred instances booting at once must not mean a hundred threads.
        ThreadPoolExecutor lifecyclePool = new ThreadPoolExecutor(
                LIFECYCLE_THREADS,
                LIFECYCLE_THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new NamedThreadFactory("thunder-localcloud-ssh-lifecycle"));
        lifecyclePool.allowCoreThreadTimeOut(true);
        this.lifecycle = lifecyclePool;
        this.io = Executors.newCachedThreadPool(new NamedThreadFactory("thunder-localcloud-ssh-io"));
        this.sharedIo = new SharedIo();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        lifecycle.shutdownNow();
        io.shutdownNow();
        sharedIo.close();
    }
}

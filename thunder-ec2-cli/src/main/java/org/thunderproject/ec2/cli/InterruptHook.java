package org.thunderproject.ec2.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C, SIGTERM: interrupts the command's thread so the operation can end cleanly and say what
 * exists and how to finish or remove it, then exits with the command's code (130), not the
 * signal's. A class of its own, not a lambda, so that starting the CLI links no call site the
 * class-data-sharing archive has not seen.
 */
final class InterruptHook extends Thread {

    /** How long Ctrl-C waits for the operation to end cleanly (a local cloud ending its nodes' processes). */
    private static final long SHUTDOWN_WAIT_SECONDS = 60;

    private final Thread worker;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.INTERRUPTED);

    /** A hook that interrupts {@code worker}; register it with {@code Runtime.addShutdownHook}. */
    InterruptHook(Thread worker) {
        super("thunder-ec2-interrupt");
        this.worker = worker;
    }

    /** The command ended with {@code code}: the hook then lets the JVM exit with it. */
    void finished(int code) {
        exitCode.set(code);
        finished.countDown();
    }

    @Override
    public void run() {
        if (finished.getCount() > 0) {
            worker.interrupt();
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            // System.exit would block in a shutdown hook; halting keeps the code the command chose.
            Runtime.getRuntime().halt(exitCode.get());
        }
    }
}

package org.thunderproject.ec2.ssh.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.ssh.BatchResult;
import org.thunderproject.ec2.ssh.HostResult;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshInterruptedException;
import org.thunderproject.ec2.ssh.SshTarget;

/** Runs work on many hosts on a bounded pool; one host's failure never fails the others. */
public final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private BatchRunner() {}

    /** The work for one host. */
    @FunctionalInterface
    public interface HostWork<T> {
        /** Does it; any exception fails this host only. */
        T run(SshTarget target) throws Exception;
    }

    /** Runs {@code work} on every target, at most {@code parallelism} at once. */
    public static <T> BatchResult<T> run(
            List<SshTarget> targets, int parallelism, Consumer<HostResult<?>> onDone, HostWork<T> work) {
        long start = System.nanoTime();
        if (targets.isEmpty()) {
            return BatchResult.of(List.of(), Duration.ZERO);
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(parallelism, targets.size()), Threads.daemon("thunder-ssh-batch"));
        try {
            List<Future<HostResult<T>>> futures = new ArrayList<>(targets.size());
            for (SshTarget target : targets) {
                futures.add(pool.submit(() -> one(target, start, onDone, work)));
            }
            List<HostResult<T>> results = new ArrayList<>(targets.size());
            for (Future<HostResult<T>> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    // Only Errors get here (one() catches exceptions): do not hide them.
                    if (e.getCause() instanceof Error) {
                        throw (Error) e.getCause();
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return BatchResult.of(results, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshInterruptedException(null, "Interrupted while working on " + targets.size() + " hosts", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> HostResult<T> one(
            SshTarget target, long batchStart, Consumer<HostResult<?>> onDone, HostWork<T> work) {
        HostResult<T> result;
        try {
            T value = work.run(target);
            result = HostResult.success(target, value, Duration.ofNanos(System.nanoTime() - batchStart));
        } catch (SshException e) {
            result = HostResult.failure(target, e, Duration.ofNanos(System.nanoTime() - batchStart));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            SshException wrapped = new SshException(target, target + ": " + e, e);
            result = HostResult.failure(target, wrapped, Duration.ofNanos(System.nanoTime() - batchStart));
        }
        try {
            onDone.accept(result);
        } catch (RuntimeException e) {
            LOG.warn("A batch listener failed for {}", target, e);
        }
        return result;
    }
}

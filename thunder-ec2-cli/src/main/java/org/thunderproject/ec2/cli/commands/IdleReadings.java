package org.thunderproject.ec2.cli.commands;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.thunderproject.ec2.ClusterDescription;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.NodeState;
import org.thunderproject.ec2.ThunderEc2;
import org.thunderproject.ec2.cli.CliContext;
import org.thunderproject.ec2.cli.output.IdleReading;

/**
 * The idle times {@code list} and {@code describe} show: read over SSH from the masters of the
 * running clusters that have an autostop, a few at once and within {@link #LIMIT}; a cluster whose
 * master cannot be read (no key file given, unreachable, too slow) gets a placeholder saying why.
 * Clusters without autostop, or not running, are not read.
 */
final class IdleReadings {
    /** Masters read at once. */
    static final int PARALLEL = 8;
    /** How long all the readings may take together. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private IdleReadings() {}

    /** The readings of {@code clusters} that have an autostop and a running master, by cluster name. */
    static Map<String, IdleReading> read(ThunderEc2 thunder, CliContext context, List<ClusterDescription> clusters) {
        Map<String, IdleReading> readings = new HashMap<>();
        Map<String, ClusterSpec> toRead = new LinkedHashMap<>();
        for (ClusterDescription cluster : clusters) {
            boolean running =
                    cluster.master().filter(m -> m.state() == NodeState.RUNNING).isPresent();
            if (cluster.autostop().isEmpty() || !running) {
                continue;
            }
            ClusterSpec spec;
            try {
                spec = context.spec(cluster.name(), null, null);
            } catch (RuntimeException e) {
                // Listing needs no spec: a config that makes none only leaves the idle time unread.
                readings.put(cluster.name(), IdleReading.unknown("no key pair: " + e.getMessage()));
                continue;
            }
            if (spec.identityFile().filter(Files::isRegularFile).isEmpty()) {
                readings.put(cluster.name(), IdleReading.unknown("give -i FILE to read it"));
            } else {
                toRead.put(cluster.name(), spec);
            }
        }
        if (toRead.isEmpty()) {
            return readings;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, toRead.size()), r -> {
            Thread thread = new Thread(r, "thunder-ec2-idle-reading");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<IdleReading>> pending = new LinkedHashMap<>();
            toRead.forEach((name, spec) -> pending.put(
                    name, pool.submit(() -> IdleReading.of(thunder.cluster(spec).idleStatus()))));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            for (Map.Entry<String, Future<IdleReading>> entry : pending.entrySet()) {
                readings.put(entry.getKey(), await(entry.getValue(), deadline));
            }
        } finally {
            pool.shutdownNow();
        }
        return readings;
    }

    private static IdleReading await(Future<IdleReading> reading, long deadline) {
        try {
            return reading.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reading.cancel(true);
            return IdleReading.unknown("no answer within " + LIMIT.toSeconds() + "s");
        } catch (ExecutionException e) {
            return IdleReading.unknown("master not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reading.cancel(true);
            return IdleReading.unknown("interrupted");
        }
    }
}

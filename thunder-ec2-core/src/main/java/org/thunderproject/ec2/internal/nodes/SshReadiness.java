package org.thunderproject.ec2.internal.nodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.HostKeyChangedException;
import org.thunderproject.ec2.OperationInterruptedException;
import org.thunderproject.ec2.ThunderEc2Exception;
import org.thunderproject.ec2.WaitTimeoutException;
import org.thunderproject.ec2.internal.Backoff;
import org.thunderproject.ec2.internal.DaemonThreads;
import org.thunderproject.ec2.internal.EventSink;
import org.thunderproject.ec2.internal.Interrupts;
import org.thunderproject.ec2.internal.Wait;
import org.thunderproject.ec2.internal.Wait.Round;
import org.thunderproject.ec2.internal.ec2.NodeRecord;
import org.thunderproject.ec2.ssh.HostKeyFingerprints;
import org.thunderproject.ec2.ssh.KnownHosts;
import org.thunderproject.ec2.ssh.SshException;
import org.thunderproject.ec2.ssh.SshSession;
import org.thunderproject.ec2.ssh.SshTarget;

/**
 * Waits, in parallel and within the spec's ready timeout, until every node answers SSH. Per node:
 * when no host key is recorded for its instance id, first wait until its SSH port accepts
 * connections ({@link PortProbe}, so the console is asked about once), then poll its console
 * output at the poll interval until it shows
 * the host key fingerprints (at most {@link #CONSOLE_WAIT}: AWS updates console output minutes
 * after boot, and some images print none), then connect (retrying while it refuses, times out or
 * rejects the key) and verify the key against the record, or the console's fingerprints, or,
 * without either, trust it on first use with a warning. The operation's thread reports progress
 * ("3 of 5 nodes answer SSH") and gathers the outcome.
 */
public final class SshReadiness {
    private static final Logger LOG = LoggerFactory.getLogger(SshReadiness.class);
    /** How long a node's console output may take to show its host key fingerprints. */
    static final Duration CONSOLE_WAIT = Duration.ofMinutes(3);
    /** Nodes waited for at once (the waits mostly sleep, but each holds a thread). */
    static final int PARALLELISM = 100;
    /** Repeat an unchanged progress report at most this often. */
    private static final Duration REPEAT_WAITING = Duration.ofSeconds(10);

    private final ClusterSsh ssh;
    private final EventSink events;
    private final String cluster;
    private final Duration readyTimeout;
    private final Duration pollInterval;
    private final String operation;
    private final Map<String, String> status = new ConcurrentHashMap<>();

    /** A wait over {@code ssh} for cluster {@code cluster}, reporting to {@code events}. */
    public SshReadiness(
            ClusterSsh ssh,
            EventSink events,
            String cluster,
            Duration readyTimeout,
            Duration pollInterval,
            String operation) {
        this.ssh = ssh;
        this.events = events;
        this.cluster = cluster;
        this.readyTimeout = readyTimeout;
        this.pollInterval = pollInterval;
        this.operation = operation;
    }

    /** Returns when every node answered SSH; throws, naming the nodes, when some did not. */
    public void await(List<NodeRecord> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        // The keys pinned on first contact are written once, when every node has answered (or failed).
        try (KnownHosts.WriteBatch pins = ssh.knownHosts().batch()) {
            awaitAll(nodes);
        }
    }

    private void awaitAll(List<NodeRecord> nodes) {
        long start = System.nanoTime();
        long deadline = start + readyTimeout.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(PARALLELISM, nodes.size()), DaemonThreads.named("thunder-ec2-ssh-wait"));
        CompletionService<NodeRecord> done = new ExecutorCompletionService<>(pool);
        Map<Future<NodeRecord>, NodeRecord> futures = new LinkedHashMap<>();
        Map<NodeRecord, ThunderEc2Exception> failures = new LinkedHashMap<>();
        try {
            for (NodeRecord node : nodes) {
                status.put(node.id(), "not tried yet");
                futures.put(done.submit(() -> one(node, start, deadline)), node);
            }
            int ready = 0;
            String lastReason = null;
            long lastReported = 0;
            long nextLook = start;
            for (int finished = 0; finished < nodes.size(); ) {
                Future<NodeRecord> next = done.poll(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
                if (next != null) {
                    finished++;
                    NodeRecord node = futures.get(next);
                    try {
                        next.get();
                        ready++;
                    } catch (ExecutionException e) {
                        failures.put(node, asThunder(node, e.getCause()));
                    }
                }
                long now = System.nanoTime();
                // Counting every node's status is O(N): at most once a poll interval, not per node done.
                if (finished < nodes.size() && now - nextLook >= 0) {
                    nextLook = now + pollInterval.toNanos();
                    String reason = progress(nodes, ready, failures.size());
                    if (!reason.equals(lastReason) || now - lastReported >= REPEAT_WAITING.toNanos()) {
                        events.waiting(reason, Duration.ofNanos(now - start));
                        lastReason = reason;
                        lastReported = now;
                    }
                }
            }
        } catch (InterruptedException e) {
            throw Interrupts.interrupted(operation, e);
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty()) {
            throw failure(nodes.size(), failures);
        }
        LOG.debug(
                "{}: {} node(s) answer SSH after {} ms",
                cluster,
                nodes.size(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private NodeRecord one(NodeRecord node, long start, long deadline) {
        SshTarget target = ssh.target(node);
        if (!ssh.isKnown(node)) {
            long consoleDeadline = Math.min(deadline, start + CONSOLE_WAIT.toNanos());
            status.put(node.id(), "refused: booting");
            PortProbe.awaitOpen(target.host(), target.port(), consoleDeadline, pollInterval, operation);
            HostKeyFingerprints console = awaitConsole(node, consoleDeadline);
            if (console.isEmpty()) {
                ssh.trustOnFirstUse(node);
            } else {
                target = target.withExpectedHostKeys(console);
            }
        }
        status.put(node.id(), "connecting");
        Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        try (SshSession session = ssh.ssh()
                .connectWhenReady(
                        target,
                        remaining,
                        (t, attempt, failure, nextDelay) -> status.put(node.id(), shortCause(failure)))) {
            status.put(node.id(), "ready");
            LOG.debug("{} answers SSH (host key {})", node.id(), session.hostKey());
        } catch (SshException e) {
            status.put(node.id(), "failed");
            throw ssh.translate(node, e);
        }
        return node;
    }

    private HostKeyFingerprints awaitConsole(NodeRecord node, long until) {
        status.put(node.id(), "waiting for host key fingerprints in its console output");
        Duration left = Duration.ofNanos(Math.max(0, until - System.nanoTime()));
        return Wait.of("host key fingerprints of " + node.id(), left, Backoff.fixed(pollInterval), operation)
                .until(
                        () -> {
                            HostKeyFingerprints console = ssh.consoleFingerprints(node);
                            return console.isEmpty()
                                    ? Round.pending("no fingerprints in the console output yet")
                                    : Round.done(console);
                        },
                        last -> HostKeyFingerprints.none());
    }

    private static String shortCause(SshException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 120 ? message.substring(0, 120) + "…" : message;
    }

    private String progress(List<NodeRecord> nodes, int collected, int failed) {
        // Nodes that answered but whose task has not been collected yet count as answering too.
        long answered = Math.max(
                collected,
                nodes.stream().filter(n -> "ready".equals(status.get(n.id()))).count());
        StringBuilder reason = new StringBuilder(answered + " of " + nodes.size() + " nodes answer SSH");
        if (failed > 0) {
            reason.append(", ").append(failed).append(" failed");
        }
        Map<String, Long> waiting = nodes.stream()
                .map(n -> status.getOrDefault(n.id(), ""))
                .filter(s -> !s.equals("ready") && !s.equals("failed"))
                .collect(Collectors.groupingBy(SshReadiness::kind, LinkedHashMap::new, Collectors.counting()));
        waiting.forEach(
                (kind, count) -> reason.append(", ").append(count).append(' ').append(kind));
        return reason.toString();
    }

    // A few coarse kinds, so the progress line stays short and stable while nodes retry.
    private static String kind(String status) {
        String s = status.toLowerCase(java.util.Locale.ROOT);
        if (s.contains("console")) {
            return "waiting for host key fingerprints";
        }
        if (s.contains("refused")) {
            return "refusing connections";
        }
        if (s.contains("timed out") || s.contains("timeout")) {
            return "timing out";
        }
        if (s.contains("auth") || s.contains("key was refused") || s.contains("rejected")) {
            return "rejecting the key";
        }
        return "connecting";
    }

    private ThunderEc2Exception asThunder(NodeRecord node, Throwable cause) {
        if (cause instanceof ThunderEc2Exception t) {
            return t;
        }
        if (cause instanceof SshException e) {
            return ssh.translate(node, e);
        }
        return new ThunderEc2Exception(
                "waiting for SSH on node " + SshFailures.describe(node) + " failed: " + cause, cause);
    }

    private ThunderEc2Exception failure(int total, Map<NodeRecord, ThunderEc2Exception> failures) {
        List<ThunderEc2Exception> errors = new ArrayList<>(failures.values());
        ThunderEc2Exception first = errors.stream()
                .filter(HostKeyChangedException.class::isInstance)
                .findFirst()
                .or(() -> errors.stream()
                        .filter(OperationInterruptedException.class::isInstance)
                        .findFirst())
                .orElse(null);
        if (first != null) {
            ThunderEc2Exception thrown = first;
            errors.stream().filter(e -> e != thrown).forEach(thrown::addSuppressed);
            return thrown;
        }
        String list = failures.entrySet().stream()
                .limit(10)
                .map(e -> "  " + SshFailures.describe(e.getKey()) + ": "
                        + e.getValue().getMessage())
                .collect(Collectors.joining("\n"));
        WaitTimeoutException all = new WaitTimeoutException(
                failures.size() + " of " + total + " nodes did not answer SSH"
                        + " within " + readyTimeout + ":\n" + list
                        + (failures.size() > 10 ? "\n  … and " + (failures.size() - 10) + " more" : "")
                        + "\nresume() waits for them again, destroy() removes the cluster",
                errors.get(0));
        errors.stream().skip(1).forEach(all::addSuppressed);
        return all;
    }
}

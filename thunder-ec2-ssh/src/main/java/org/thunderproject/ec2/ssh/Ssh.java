package org.thunderproject.ec2.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.thunderproject.ec2.ssh.internal.BatchRunner;
import org.thunderproject.ec2.ssh.internal.Connector;
import org.thunderproject.ec2.ssh.internal.ReadyWaiter;
import org.thunderproject.ec2.ssh.internal.SessionBoundForward;
import org.thunderproject.ec2.ssh.internal.SshjSession;

/**
 * The entry point: logs in to hosts with one {@link Identity}, verifying host keys against one
 * {@link KnownHosts} store. Holds no connections or threads itself (sessions and batches own
 * theirs), so it needs no closing and is safe to share.
 *
 * <pre>{@code
 * Ssh ssh = Ssh.create(Identity.fromFile(keyFile), KnownHosts.in(thunderHome));
 * try (SshSession s = ssh.connectWhenReady(node, Duration.ofMinutes(5))) {
 *   s.exec("uname -a").requireSuccess();
 * }
 * BatchResult<ExecResult> all = ssh.execAll(nodes, Exec.of("hostname"), BatchOptions.defaults());
 * }</pre>
 */
public final class Ssh {
    private final Identity identity;
    private final KnownHosts knownHosts;
    private final SshSettings settings;
    private final Connector connector;

    private Ssh(Identity identity, KnownHosts knownHosts, SshSettings settings) {
        this.identity = identity;
        this.knownHosts = knownHosts;
        this.settings = settings;
        this.connector = new Connector(identity.keyPair(), knownHosts.store(), settings);
    }

    /** With default {@link SshSettings}. */
    public static Ssh create(Identity identity, KnownHosts knownHosts) {
        return builder().identity(identity).knownHosts(knownHosts).build();
    }

    /** A builder; identity and known hosts are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects once: no retry.
     *
     * @throws SshConnectException unreachable, refused, timed out or dropped
     * @throws SshAuthenticationException the key was refused
     * @throws SshHostKeyException the host key did not verify
     */
    public SshSession connect(SshTarget target) {
        Objects.requireNonNull(target, "target");
        return session(connector.connect(target, settings.connectTimeout()), target);
    }

    /** {@link #connectWhenReady(SshTarget, Duration, ReadyListener)} without a listener. */
    public SshSession connectWhenReady(SshTarget target, Duration timeout) {
        return connectWhenReady(target, timeout, ReadyListener.NONE);
    }

    /**
     * Connects to a host that may still be booting: retries, with backoff, while it refuses, times
     * out or rejects the key, until {@code timeout} has passed. Host-key errors end it at once.
     *
     * @throws SshNotReadyException the host was not ready in time (names the last cause)
     * @throws SshHostKeyException the host key did not verify
     * @throws SshInterruptedException the thread was interrupted
     */
    public SshSession connectWhenReady(SshTarget target, Duration timeout, ReadyListener listener) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        long deadline = System.nanoTime() + nonNegative(timeout).toNanos();
        return session(ReadyWaiter.await(connector, target, deadline, listener), target);
    }

    /**
     * Waits for every target to accept SSH (per {@link BatchOptions#readyTimeout()}), in parallel;
     * each host's value is how long it took from the start of the batch.
     */
    public BatchResult<Duration> awaitReady(Collection<SshTarget> targets, BatchOptions options) {
        BatchResult<Void> done = onEach(targets, options, session -> null);
        List<HostResult<Duration>> ready = new ArrayList<>();
        for (HostResult<Void> r : done) {
            ready.add(
                    r.isSuccess()
                            ? HostResult.success(r.target(), r.duration(), r.duration())
                            : HostResult.failure(r.target(), r.error().orElseThrow(), r.duration()));
        }
        return BatchResult.of(ready, done.elapsed());
    }

    /**
     * Connects to each target (waiting for it if {@code options} says so), runs {@code task} on
     * the session, closes it; in parallel, bounded by {@link BatchOptions#parallelism()}. One host's
     * failure is reported in its result and never stops the others.
     */
    public <T> BatchResult<T> onEach(Collection<SshTarget> targets, BatchOptions options, SessionTask<T> task) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(task, "task");
        List<SshTarget> list = List.copyOf(targets);
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        try (KnownHosts.WriteBatch pins = knownHosts.batch()) {
            return runBatch(list, options, task, deadline);
        }
    }

    private <T> BatchResult<T> runBatch(
            List<SshTarget> list, BatchOptions options, SessionTask<T> task, long deadline) {
        return BatchRunner.run(list, options.parallelism(), options.hostDoneListener(), target -> {
            Connector.Connected c = options.readyTimeout().isZero()
                    ? connector.connect(target, settings.connectTimeout())
                    : ReadyWaiter.await(connector, target, deadline, options.readyListener());
            try (SshSession session = session(c, target)) {
                return task.run(session);
            }
        });
    }

    /** Runs {@code exec} on every target in parallel; see {@link #onEach}. */
    public BatchResult<ExecResult> execAll(Collection<SshTarget> targets, Exec exec, BatchOptions options) {
        Objects.requireNonNull(exec, "exec");
        return onEach(targets, options, session -> session.exec(exec));
    }

    /** Connects to {@code target} once, runs {@code exec}, disconnects. */
    public ExecResult exec(SshTarget target, Exec exec) {
        Objects.requireNonNull(exec, "exec");
        try (SshSession session = connect(target)) {
            return session.exec(exec);
        }
    }

    /**
     * Opens a port forward on its own connection to {@code target}; closing the forward closes the
     * connection too.
     */
    public PortForward forward(SshTarget target, LocalForward forward) {
        Objects.requireNonNull(forward, "forward");
        SshSession session = connect(target);
        try {
            return new SessionBoundForward(session.forward(forward), session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * An interactive login on {@code target}: connects once, runs a shell on a PTY bridged to
     * {@code in}/{@code out} (with the forwards {@code options} asks for) until it ends, disconnects,
     * and returns the shell's exit code. See {@link SshSession#shell}.
     */
    public int login(SshTarget target, ShellOptions options, InputStream in, OutputStream out) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        try (SshSession session = connect(target)) {
            return session.shell(options, in, out);
        }
    }

    /** The {@code ssh} command line for {@code target}; see {@link SshCommandLine}. */
    public SshCommandLine commandLine(SshTarget target) {
        return commandLine(target, List.of());
    }

    /** The {@code ssh} command line for {@code target} with {@code -L} forwards. */
    public SshCommandLine commandLine(SshTarget target, List<LocalForward> forwards) {
        return SshCommandLine.of(target, identity.file().orElse(null), knownHosts.file(), forwards);
    }

    /** The identity used to log in. */
    public Identity identity() {
        return identity;
    }

    /** The known-hosts store. */
    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /** The settings. */
    public SshSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "Ssh[" + identity + ", " + knownHosts + "]";
    }

    private SshSession session(Connector.Connected connected, SshTarget target) {
        return new SshjSession(connected, target, settings.readTimeout());
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        return d;
    }

    /** Configures an {@link Ssh}. */
    public static final class Builder {
        private Identity identity;
        private KnownHosts knownHosts;
        private SshSettings settings = SshSettings.defaults();

        private Builder() {}

        /** The key to log in with (required). */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The host-key store (required). */
        public Builder knownHosts(KnownHosts knownHosts) {
            this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
            return this;
        }

        /** Timeouts, keep-alive and retry pacing; default {@link SshSettings#defaults()}. */
        public Builder settings(SshSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Builds it. */
        public Ssh build() {
            if (identity == null) {
                throw new IllegalStateException("an identity is required");
            }
            if (knownHosts == null) {
                throw new IllegalStateException(
                        "a known-hosts store is required (e.g. KnownHosts.at(KnownHosts.defaultFile()))");
            }
            return new Ssh(identity, knownHosts, settings);
        }
    }
}

package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, keep-alive and retry pacing for SSH connections. Immutable; start from
 * {@link #defaults()} and change what you need.
 */
public final class SshSettings {
    private static final SshSettings DEFAULTS = new SshSettings(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofMillis(250),
            Duration.ofSeconds(5));

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration keepAliveInterval;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;

    private SshSettings(
            Duration connectTimeout,
            Duration readTimeout,
            Duration keepAliveInterval,
            Duration retryInitialDelay,
            Duration retryMaxDelay) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.keepAliveInterval = keepAliveInterval;
        this.retryInitialDelay = retryInitialDelay;
        this.retryMaxDelay = retryMaxDelay;
    }

    /**
     * Connect timeout 10 s, read timeout 30 s, keep-alive every 15 s, retries from 250 ms backing
     * off to 5 s.
     */
    public static SshSettings defaults() {
        return DEFAULTS;
    }

    /** How long one TCP connect may take. */
    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(
                positive(timeout, "timeout"), readTimeout, keepAliveInterval, retryInitialDelay, retryMaxDelay);
    }

    /**
     * How long to wait for the server's answer during the handshake, authentication and channel
     * opening (not for a command's output: see {@link Exec#withTimeout}).
     */
    public SshSettings withReadTimeout(Duration timeout) {
        return new SshSettings(
                connectTimeout, positive(timeout, "timeout"), keepAliveInterval, retryInitialDelay, retryMaxDelay);
    }

    /**
     * How often an idle connection sends an OpenSSH keep-alive (a dead peer is dropped after five
     * unanswered ones); {@link Duration#ZERO} turns it off. Whole seconds.
     */
    public SshSettings withKeepAliveInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        return new SshSettings(connectTimeout, readTimeout, interval, retryInitialDelay, retryMaxDelay);
    }

    /** The first pause between attempts while waiting for a host, and the longest. */
    public SshSettings withRetryDelays(Duration initial, Duration max) {
        positive(initial, "initial");
        positive(max, "max");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max retry delay must be >= the initial one");
        }
        return new SshSettings(connectTimeout, readTimeout, keepAliveInterval, initial, max);
    }

    /** How long one TCP connect may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for a protocol answer from the server. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The keep-alive interval; zero when off. */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** The first pause between attempts while waiting for a host. */
    public Duration retryInitialDelay() {
        return retryInitialDelay;
    }

    /** The longest pause between attempts while waiting for a host. */
    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    @Override
    public String toString() {
        return "SshSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", keepAliveInterval=" + keepAliveInterval + ", retry=" + retryInitialDelay + ".."
                + retryMaxDelay + "]";
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}

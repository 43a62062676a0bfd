package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * The host did not accept an SSH login before the deadline. The cause is the last failure
 * (refused, timed out, key rejected …); the message names the host, that cause and how long it
 * waited.
 */
public final class SshNotReadyException extends SshException {
    private static final long serialVersionUID = 1L;

    private final Duration waited;
    private final int attempts;

    /** A wait that ran out; {@code lastFailure} is the last attempt's error. */
    public SshNotReadyException(
            SshTarget target, String message, Duration waited, int attempts, SshException lastFailure) {
        super(target, message, lastFailure);
        this.waited = Objects.requireNonNull(waited, "waited");
        this.attempts = attempts;
    }

    /** How long it waited. */
    public Duration waited() {
        return waited;
    }

    /** How many connection attempts it made. */
    public int attempts() {
        return attempts;
    }

    /** The last attempt's error. */
    public SshException lastFailure() {
        return (SshException) getCause();
    }
}
